import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { compiledTemplates } from '../../../../src/outputs/pages/page-templates.ts';
import { PRECOMPILED_TEMPLATES } from '../../../../src/outputs/pages/precompiled-templates.ts';
import { repoRoot } from '../../../helpers/site.ts';

const templates = join(repoRoot, 'templates');
/** What the compile (run by the suite's setup) kept: [key (options, path, source), code]. */
const kept = JSON.parse(readFileSync(PRECOMPILED_TEMPLATES, 'utf8')) as { nunjucks: string; templates: [string, string][] };
const compiler = (nunjucks as unknown as { compiler: { compile(...args: unknown[]): string } }).compiler;

describe('Dateline’s templates compiled ahead (dist/templates.json)', () => {
  it('hold every template of templates/ and each page template’s permalink, as Nunjucks compiles them now', () => {
    const paths = kept.templates.map(([key]) => (JSON.parse(key) as [object, string | null, string])[1]);
    for (const file of ['404.njk', 'article.njk', 'index.njk', 'listing.njk', 'search.njk', '_includes/base.njk', '_includes/teasers.njk'])
      expect(paths).toContain(join(templates, file));
    // A permalink is compiled without a path, once for each page template.
    expect(paths.filter((p) => p === null).length).toBe(paths.filter((p) => p !== null && !p.includes('/_includes/')).length);
    for (const [key, code] of kept.templates) {
      const [opts, path, source] = JSON.parse(key) as [object, string | null, string];
      expect(code, path ?? source).toBe(compiler.compile(source, [], [], path ?? undefined, opts));
    }
  });

  it('are not used for a source other than the one compiled, under the same path', async () => {
    const compiled = compiledTemplates(templates);
    const page = join(templates, '404.njk');
    expect(await compiled('{{ "edited" | upper }}', page)({})).toBe('EDITED');
  });
});
