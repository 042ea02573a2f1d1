import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { bodyFrom, bodyStart, checkArticle, type CheckContext, type CheckedArticle, type ContentFile } from '../content/validate-article.ts';
import type { Message } from '../report/message.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/**
 * The checked metadata and messages of every article file, by the hash of its path and bytes,
 * kept between builds (`.dateline-cache/check.json`) so that a file whose bytes did not change
 * is not checked again. Bodies are not kept: they are taken again from the file's text, from
 * where the check found them to start (or kept, if the body is not the end of the text). The
 * whole state is for one `version` (Dateline's code, the places files, the site's zone and
 * language): under another, every file is checked again.
 */
interface CheckState {
  version: string;
  entries: Record<string, { article?: Omit<CheckedArticle, 'body'> & { body?: string }; bodyStart?: number; messages: Message[] }>;
}

const STATE_FILE = 'check.json';

/** Checks every file, taking unchanged ones from the state in `cacheDir`, and stores the new state. */
export async function checkFiles(
  files: readonly ContentFile[],
  context: CheckContext,
  state?: { cacheDir: string; version: string },
): Promise<{ articles: CheckedArticle[]; messages: Message[]; cached: number }> {
  const previous = state ? await readState(join(state.cacheDir, STATE_FILE), state.version) : {};
  const entries: CheckState['entries'] = {};
  const articles: CheckedArticle[] = [];
  const messages: Message[] = [];
  let cached = 0;
  for (const file of files) {
    const key = createHash('sha256').update(file.file).update('\0').update(file.bytes).digest('hex');
    let entry = previous[key];
    if (entry) {
      cached++;
      if (entry.article) articles.push({ ...entry.article, body: entry.article.body ?? bodyFrom(file.bytes, entry.bodyStart!) });
    } else {
      const result = checkArticle(file, context);
      if (result.article) {
        const start = bodyStart(file.bytes, result.article);
        const { body, ...meta } = result.article;
        articles.push(result.article);
        entry = start === undefined ? { article: { ...meta, body }, messages: result.messages } : { article: meta, bodyStart: start, messages: result.messages };
      } else entry = { messages: result.messages };
    }
    messages.push(...entry.messages);
    entries[key] = entry;
  }
  if (state) await writeJsonFile(join(state.cacheDir, STATE_FILE), { version: state.version, entries } satisfies CheckState);
  return { articles, messages, cached };
}

async function readState(path: string, version: string): Promise<CheckState['entries']> {
  const state = (await readJsonFile(path)) as CheckState | undefined;
  return state?.version === version && typeof state.entries === 'object' ? state.entries : {};
}
