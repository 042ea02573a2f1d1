import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckContext, checkArticle } from '../../src/content/validate-article.ts';
import { loadGazetteer } from '../../src/places/load-gazetteer.ts';

const root = join(import.meta.dirname, '../..');

/** The example archive's real gazetteer, loaded once for unit tests. */
export const gazetteer = loadGazetteer(
  ['content/places/af.yaml', 'content/places/world.yaml'].map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') })),
).gazetteer;

export const context: CheckContext = { gazetteer, timezone: 'UTC', lang: 'en', topics: [] };

/** Checks Markdown text as if it were the file `content/test.md`. */
export function check(text: string | Uint8Array, file = 'content/2021/08/test.md', ctx: Partial<CheckContext> = {}) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return checkArticle({ file, bytes }, { ...context, ...ctx });
}
