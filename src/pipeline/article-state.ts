import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bodyFrom, bodyStart, type CheckContext, type CheckedArticle, checkArticle } from '../content/validate-article.ts';
import type { Message } from '../report/message.ts';
import { readJsonFile, readJsonFileSync, writeJsonFile, writeTextFile } from './json-file.ts';
import { type ArticleFile, type FileStamp, type KnownFile, readArticleBytes } from './read-project.ts';
import type { BodySummary } from './render-cache.ts';

/**
 * What the last build knew of each article file, by path, in `.dateline-cache/articles/`: its
 * stamp and hash, so that a file whose stamp did not change is not even read (readProject); its
 * check (metadata and messages), so that a file whose bytes did not change is not checked again;
 * and its body's render (key and summary), so that its body is neither taken from the file nor
 * looked up. Bodies are not kept: they are taken again from the file's text when needed, from
 * where the check found them to start (or kept, if the body is not the end of the text). Checks
 * and renders are for one `version` (Dateline's code, the places files, the site's zone and
 * language): under another, every file is checked again; stamps and hashes hold under any.
 *
 * The index (`index.json`: version, stamps and hashes, shard files) is read by every build; the
 * checks and renders are in SHARDS files by a hash of the path, each named by its content and
 * read only when one of its files is needed (entryOf): an edit at 100,000 articles reads and
 * writes the index and one shard, not the 150 MB of every check. A build writes the shards that
 * changed, then the index, the one file that says which shards are current (so a build stopped
 * between the two leaves the last state whole), then removes the shards it no longer names.
 */
export interface ArticleState {
  version: string;
  /** The build that wrote it (its fingerprint), if one that writes a site: a body-only build starts only from its own state. */
  fingerprint?: string;
  /** Each file's stamp and hash, by path. */
  files: Record<string, [stamp: FileStamp, hash: string]>;
  /** The file of each shard, by number (null: no file of the project falls in it). */
  shards: (string | null)[];
}

export interface FileEntry {
  stamp: FileStamp;
  hash: string;
  messages: Message[];
  /** `status: draft`, read even when the check failed (asDraftMessages). */
  draft?: true;
  article?: Omit<CheckedArticle, 'body'> & { body?: string };
  bodyStart?: number;
  /** The body's render, once rendered: its key (Bodies) and what the model keeps of it. */
  render?: BodySummary & { key: string };
}

/** What a shard keeps of a file: its entry but the stamp (in the index). */
type ShardEntry = Omit<FileEntry, 'stamp'>;

const STATE_DIR = 'articles';
const INDEX_FILE = 'index.json';
/** The state's index, the one file that says which state is current (a build replaces it whole). */
export const stateIndexPath = (cacheDir: string): string => join(cacheDir, STATE_DIR, INDEX_FILE);
/** Shards of the checks and renders: about 400 files each at 100,000. */
const SHARDS = 256;
/** Earlier builds' state files, removed when this one is written. */
const FORMER_FILES = ['check.json', 'markdown/index.json', 'articles.json'];

/** The shard of a path (FNV-1a of its UTF-16 code units). */
function shardOf(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

/** Where each state was read from, and the shards of it read so far. */
const loaded = new WeakMap<ArticleState, { dir: string; shards: Map<number, Record<string, ShardEntry>>; damaged: Set<number> }>();

export async function readArticleState(cacheDir: string): Promise<ArticleState | undefined> {
  const dir = join(cacheDir, STATE_DIR);
  const state = (await readJsonFile(join(dir, INDEX_FILE))) as ArticleState | undefined;
  const valid =
    typeof state?.version === 'string' &&
    typeof state.files === 'object' &&
    state.files !== null &&
    Array.isArray(state.shards) &&
    state.shards.length === SHARDS;
  if (!valid) return undefined;
  loaded.set(state, { dir, shards: new Map(), damaged: new Set() });
  return state;
}

/** The last build's check and render of a file (its shard read once); undefined if it has none or its shard is gone. */
export function entryOf(state: ArticleState, path: string): FileEntry | undefined {
  const known = state.files[path];
  const place = loaded.get(state);
  if (!known || !place) return undefined;
  const shard = shardOf(path);
  let entries = place.shards.get(shard);
  if (!entries) {
    const name = state.shards[shard];
    const read = name ? readJsonFileSync(join(place.dir, name)) : {};
    if (typeof read !== 'object' || read === null) place.damaged.add(shard);
    entries = (typeof read === 'object' && read !== null ? read : {}) as Record<string, ShardEntry>;
    place.shards.set(shard, entries);
  }
  const entry = entries[path];
  return entry && entry.hash === known[1] && Array.isArray(entry.messages) ? { ...entry, stamp: known[0] } : undefined;
}

/** Lets go of the shards of a state read so far (at 100,000 articles, a gigabyte once all are read). */
export function releaseShards(state: ArticleState | undefined): void {
  if (state) loaded.get(state)?.shards.clear();
}

/**
 * Writes the state of `files` (every article file, in order): the entries in `entries`, and for
 * the others the previous state's (a shard with none of `entries` and the same files keeps its
 * file). `previous` must be the state read by this build, under the same `version` if any of
 * its entries are to be kept.
 */
export async function writeArticleState(
  cacheDir: string,
  head: Pick<ArticleState, 'version' | 'fingerprint'>,
  files: readonly ArticleFile[],
  entries: ReadonlyMap<string, FileEntry>,
  previous: ArticleState | undefined,
): Promise<void> {
  const dir = join(cacheDir, STATE_DIR);
  await mkdir(dir, { recursive: true });
  const reuse = previous?.version === head.version ? previous : undefined;
  const byShard = Array.from({ length: SHARDS }, () => [] as ArticleFile[]);
  for (const f of files) byShard[shardOf(f.file)]!.push(f);
  const before = Array.from({ length: SHARDS }, () => 0);
  if (reuse) for (const path of Object.keys(reuse.files)) before[shardOf(path)]!++;
  const shards = await Promise.all(
    byShard.map(async (shardFiles, n) => {
      if (shardFiles.length === 0) return null;
      const same =
        reuse && before[n] === shardFiles.length && shardFiles.every((f) => !entries.has(f.file) && reuse.files[f.file]?.[1] === f.hash);
      if (same && reuse.shards[n]) return reuse.shards[n];
      const content: Record<string, ShardEntry> = {};
      for (const f of shardFiles) {
        const entry = entries.get(f.file) ?? (reuse && entryOf(reuse, f.file));
        // None to keep (its shard was damaged, or edited by hand): the next build checks it.
        if (!entry) continue;
        const { stamp: _stamp, ...kept } = entry;
        content[f.file] = kept;
      }
      const json = JSON.stringify(content);
      const name = `${String(n).padStart(3, '0')}-${createHash('sha256').update(json).digest('hex').slice(0, 20)}.json`;
      const path = join(dir, name);
      // Named by its content: already there, unless it is a damaged file of that name.
      const intact = reuse?.shards[n] !== name || !loaded.get(reuse)?.damaged.has(n);
      if (!existsSync(path) || !intact) await writeTextFile(path, json);
      return name;
    }),
  );
  const index: ArticleState = { ...head, files: Object.fromEntries(files.map((f) => [f.file, [f.stamp, f.hash]])), shards };
  await writeJsonFile(join(dir, INDEX_FILE), index);
  // The shards no other build is reading: this index's, or any a build left unnamed.
  const current = new Set<string>([INDEX_FILE, ...shards.filter((s): s is string => s !== null)]);
  const stale = (await readdir(dir)).filter((name) => !current.has(name) && /^\d{3}-[0-9a-f]{20}\.json$/.test(name));
  await Promise.all([
    ...stale.map((name) => rm(join(dir, name), { force: true })),
    ...FORMER_FILES.map((f) => rm(join(cacheDir, f), { force: true })),
  ]);
}

/** The stamps and hashes of the last build's files, for readProject. */
export const knownFiles =
  (state: ArticleState | undefined): KnownFile =>
  (file) => {
    const known = state?.files[file];
    return Array.isArray(known) && Array.isArray(known[0]) && typeof known[1] === 'string'
      ? { stamp: known[0], hash: known[1] }
      : undefined;
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
  const known = previous?.version === version ? previous : undefined;
  const checked: CheckedFile[] = [];
  const messages: Message[] = [];
  let cached = 0;
  for (const source of files) {
    const last = known && entryOf(known, source.file);
    let entry: FileEntry;
    let article: CheckedFile['article'];
    if (last?.hash === source.hash && Array.isArray(last.messages)) {
      cached++;
      entry = { ...last, stamp: source.stamp };
      article = last.article;
    } else {
      const bytes = readArticleBytes(source);
      const result = checkArticle({ file: source.file, bytes }, context);
      entry = { stamp: source.stamp, hash: source.hash, messages: result.messages, ...(result.draft && { draft: true as const }) };
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
