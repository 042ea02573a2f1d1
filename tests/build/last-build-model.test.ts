import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { lastBuildModel } from '../../src/serve/last-build-model.ts';
import { makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';

afterAll(removeTemps);

describe('the last build model (what serve previews against after a start on an up-to-date site)', () => {
  it('is the model the build made, from its state alone; none once the state is of another build', async () => {
    const root = await makeTemp();
    await cp(join(repoRoot, 'dateline.yaml'), join(root, 'dateline.yaml'));
    await cp(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
    const cacheDir = join(root, '.dateline-cache');
    const report = await runBuild({ root, cacheDir });
    expect(report.ok).toBe(true);
    const built = JSON.parse(JSON.stringify(report.archive));
    expect(built.articles.length).toBeGreaterThan(5);
    expect(await lastBuildModel(root, cacheDir)).toEqual(built);
    const drafts = await runBuild({ root, cacheDir, overrides: { drafts: true } });
    expect(await lastBuildModel(root, cacheDir, { drafts: true })).toEqual(JSON.parse(JSON.stringify(drafts.archive)));
    // A build that failed once its check was written: the state is not the site's.
    const copy = join(root, 'content/2021/08/andarab-copy.md');
    await writeFile(
      copy,
      (await readFile(join(root, 'content/2021/08/andarab-resistance.md'), 'utf8')).replace(/^title: .*$/m, '$&\nslug: andarab-resistance'),
    );
    expect((await runBuild({ root, cacheDir, overrides: { drafts: true } })).messages.map((m) => m.ruleId)).toContain('duplicate-url');
    expect(await lastBuildModel(root, cacheDir, { drafts: true })).toBeUndefined();
  });
});
