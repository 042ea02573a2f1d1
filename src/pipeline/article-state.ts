import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bodyFrom, bodyStart, checkArticle, type CheckContext, type CheckedArticle } from '../content/validate-article.ts';
import type { Message } from '../report/message.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { readArticleBytes, type ArticleFile, type FileStamp, type KnownFile } from './read-project.ts';
import type { BodySummary } from './render-bodies.ts';

/**
 * What the last build knew of each article file, by path (`.dateline-cache/articles.json`): its
 * stamp and hash, so that a file whose stamp did not change is not even read (readProject); its
 * check (metadata and messages), so that a file whose bytes did not change is not checked again;
 * and its body's render (key and summary), so that its body is neither taken from the file nor
 * looked up. Bodies are not kept: they are taken again from the file's text when needed, from
 * where the check found them to start (or kept, if the body is not the end of the text). Checks
 * and renders are for one `version` (Dateline's code, the places files, the site's zone and
 * language): under another, every file is checked again; stamps and hashes hold under any.
 */
export interface ArticleState {
  version: string;
  /** The build that wrote it (its fingerprint), if one that writes a site: a body-only build starts only from its own state. */
  fingerprint?: string;
  files: Record<string, FileEntry>;
}

export interface FileEntry {
  stamp: FileStamp;
  hash: string;
  messages: Message[];
  article?: Omit<CheckedArticle, 'body'> & { body?: string };
  bodyStart?: number;
  /** The body's render, once rendered: its key (Bodies) and what the model keeps of it. */
  render?: BodySummary & { key: string };
}

const STATE_FILE = 'articles.json';
/** Earlier builds' state files, removed when this one is written. */
const FORMER_FILES = ['check.json', 'markdown/index.json'];

export async function readArticleState(cacheDir: string): Promise<ArticleState | undefined> {
  const state = (await readJsonFile(join(cacheDir, STATE_FILE))) as ArticleState | undefined;
  return typeof state?.version === 'string' && typeof state.files === 'object' && state.files !== null ? state : undefined;
}

export async function writeArticleState(cacheDir: string, state: ArticleState): Promise<void> {
  await writeJsonFile(join(cacheDir, STATE_FILE), state);
  await Promise.all(FORMER_FILES.map((f) => rm(join(cacheDir, f), { force: true })));
}

/** The stamps and hashes of the last build's files, for readProject. */
export const knownFiles =
  (state: ArticleState | undefined): KnownFile =>
  (file) => {
    const entry = state?.files[file];
    return entry && typeof entry.hash === 'string' && Array.isArray(entry.stamp) ? entry : undefined;
  };

/** An article file after the check: its article (without its body when taken from the state), and its state entry. */
export interface CheckedFile {
  source: ArticleFile;
  entry: FileEntry;
  article?: Omit<CheckedArticle, 'body'> & { body?: string };
}

/** A checked article's body: kept, or taken from its file's text (read now if it was not). */
export function bodyOf(f: CheckedFile): string {
  if (f.article?.body !== undefined) return f.article.body;
  return bodyFrom(readArticleBytes(f.source), f.entry.bodyStart!);
}

/**
 * Checks every file, taking unchanged ones (same path and bytes, same `version`) from `previous`;
 * returns them in order with their new state entries (stamps and hashes from the read).
 */
export function checkFiles(
  files: readonly ArticleFile[],
  context: CheckContext,
  previous: ArticleState | undefined,
  version: string,
): { files: CheckedFile[]; messages: Message[]; cached: number } {
  const known = previous?.version === version ? previous.files : {};
  const checked: CheckedFile[] = [];
  const messages: Message[] = [];
  let cached = 0;
  for (const source of files) {
    const last = known[source.file];
    let entry: FileEntry;
    let article: CheckedFile['article'];
    if (last?.hash === source.hash && Array.isArray(last.messages)) {
      cached++;
      entry = { ...last, stamp: source.stamp };
      article = last.article;
    } else {
      const bytes = readArticleBytes(source);
      const result = checkArticle({ file: source.file, bytes }, context);
      entry = { stamp: source.stamp, hash: source.hash, messages: result.messages };
      if (result.article) {
        const start = bodyStart(bytes, result.article);
        const { body, ...meta } = result.article;
        article = result.article;
        if (start === undefined) entry.article = { ...meta, body };
        else Object.assign(entry, { article: meta, bodyStart: start });
      }
    }
    messages.push(...entry.messages);
    checked.push({ source, entry, article });
  }
  return { files: checked, messages, cached };
}
