import { existsSync, readdirSync, readFileSync, rmSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive, ArticlePage, FeedSpec, HomePage, SitePage, SiteView } from '../archive/archive.ts';
import type { SearchBundle } from '../archive/search-bundles.ts';
import type { FileWriter } from '../outputs/file-writer.ts';
import type { SearchState } from '../outputs/search/search-layout.ts';
import type { SearchSummary } from '../outputs/search/write-search-index.ts';
import { readJsonFile, writeJsonFile, writeTextFileSync } from './json-file.ts';

/**
 * What a body-only build (an edit that changed no article's metadata, see bodyOnlyChanges)
 * needs of the last build's model besides the pages it prints: the parts of the model every
 * build renders (the site in each language, the home and search pages), the feeds and search bundles with the URLs of their
 * articles, each published article's search record hash and the search page's totals (what the
 * build reported is in `last-build.json`). Written by every build that made the model (`.dateline-cache/model.json`);
 * each article's page view is kept apart, by its page's hash in the output manifest (pageStore),
 * so a body-only build reads the few it prints. A model holds no function and no class: this is
 * the model, as data.
 */
export interface ModelSnapshot {
  /** The build that made the model (its site's marker and manifest name it). */
  fingerprint: string;
  /** What its outputs were made by (outputsVersion): the templates, settings and Dateline. */
  version: string;
  sites: SiteView[];
  homes: HomePage[];
  searches: SitePage[];
  feeds: FeedSpec[];
  searchBundles: SearchBundle[];
  /**
   * The search records' hashes (by article URL, of every published article) where they differ
   * from those the build's search state holds (null: a URL it holds that has no record): the
   * records of a build whose index was written whole are all there, those of an overlay build
   * but the overlay's. Kept as a difference: at 100,000 articles the whole list is 13 MB.
   */
  recordsDiffer: Record<string, string | null>;
  search?: SearchSummary;
  /** The files each writer with an outline (exports, sitemap) made. */
  writerFiles: Record<string, string[]>;
}

const SNAPSHOT_FILE = 'model.json';
/** The snapshot's file (a build replaces it whole). */
export const snapshotPath = (cacheDir: string): string => join(cacheDir, SNAPSHOT_FILE);
/** Article page views by their page's hash in the output manifest. */
const PAGES_DIR = 'pages';

export async function readSnapshot(cacheDir: string): Promise<ModelSnapshot | undefined> {
  const snapshot = (await readJsonFile(snapshotPath(cacheDir))) as ModelSnapshot | undefined;
  const valid =
    typeof snapshot?.fingerprint === 'string' &&
    typeof snapshot.version === 'string' &&
    Array.isArray(snapshot.feeds) &&
    Array.isArray(snapshot.sites) &&
    typeof snapshot.recordsDiffer === 'object';
  return valid ? snapshot : undefined;
}

export const writeSnapshot = (cacheDir: string, snapshot: ModelSnapshot): Promise<void> => writeJsonFile(snapshotPath(cacheDir), snapshot);

/** The snapshot of a model made by this build. */
export function snapshotOf(
  archive: Archive,
  fingerprint: string,
  parts: Pick<ModelSnapshot, 'version' | 'recordsDiffer' | 'search' | 'writerFiles'>,
): ModelSnapshot {
  const { sites, homes, searches, feeds, searchBundles } = archive;
  return { fingerprint, sites, homes, searches, feeds, searchBundles, ...parts };
}

/** A store shard's file: the views whose hashes start with its two characters. */
const SHARD = /^[0-9a-f]{2}\.jsonl$/;
/** A page's hash in the output manifest. */
const HASH = /^[0-9a-f]{64}$/;
/** The view a store line holds after its hash (`json`), or none when the line was torn by a crash. */
function viewOf(json: string): ArticlePage | undefined {
  try {
    const page = JSON.parse(json) as ArticlePage | null;
    return typeof page?.url === 'string' ? page : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Article page views by their page's hash in the output manifest (content-addressed: the manifest
 * says which one is current), a line each (`<hash> <view as JSON>`) in the file of the hash's first
 * two characters: 256 files, where a file and a folder for each view were a third of the files a
 * clean build made besides the site (each file's inode a cost of its own: ext4 without a journal
 * looks over every inode freed in the last minutes to make one, and a clean build follows the
 * deletion of the last one). Each line starts with a line break, so one torn by a crash spoils
 * no other; a view found twice is the later one.
 */
export const pageStore = (cacheDir: string) => {
  const dir = join(cacheDir, PAGES_DIR);
  const shardPath = (hash: string) => join(dir, `${hash.slice(0, 2)}.jsonl`);
  // A shard is read again only once it has changed (a body-only build asks for the views of
  // every feed's articles, many in one shard: at 100,000 articles a shard is 1-2 MB); a store
  // that lives across builds (dateline serve's) sees what they added.
  const texts = new Map<string, { stamp: string; text: string }>();
  const read = (path: string) => {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch {
      return '';
    }
    const stamp = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    const known = texts.get(path);
    if (known?.stamp === stamp) return known.text;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // Gone since: no views.
    }
    texts.set(path, { stamp, text });
    return text;
  };
  /**
   * The shard's lines that `keep` keeps (the last whole one of each hash), and whether any was
   * left out. A line torn by a crash (not ending its JSON) is left out, and never takes the
   * place of a whole one.
   */
  const filter = (text: string, keep: (hash: string) => boolean): { lines: Map<string, string>; dropped: boolean } => {
    const lines = new Map<string, string>();
    let dropped = false;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const hash = line.slice(0, line.indexOf(' '));
      const kept =
        HASH.test(hash) && keep(hash) && line.endsWith('}') && (!lines.has(hash) || viewOf(line.slice(hash.length + 1)) !== undefined);
      if (!kept || lines.has(hash)) dropped = true;
      if (kept) {
        lines.delete(hash);
        lines.set(hash, line);
      }
    }
    return { lines, dropped };
  };
  const rewrite = (path: string, lines: Map<string, string>) => {
    if (lines.size === 0) rmSync(path, { force: true });
    else writeTextFileSync(path, [...lines.values()].map((line) => `\n${line}`).join(''));
  };
  return {
    get(hash: string): ArticlePage | undefined {
      const text = read(shardPath(hash));
      for (let at = text.lastIndexOf(`\n${hash} `); at !== -1; at = at === 0 ? -1 : text.lastIndexOf(`\n${hash} `, at - 1)) {
        const end = text.indexOf('\n', at + 1);
        // A line torn by a crash: an earlier line of the same view may be whole.
        const page = viewOf(text.slice(at + hash.length + 2, end === -1 ? undefined : end));
        if (page) return page;
      }
      return undefined;
    },
    /** Hands the view to `writer`, to be added to its shard. */
    put(hash: string, page: ArticlePage, writer: FileWriter): Promise<void> {
      return writer.write(shardPath(hash), `\n${hash} ${JSON.stringify(page)}`, true);
    },
    /** Removes a view (once the writer that added views is done). */
    remove(hash: string): void {
      const path = shardPath(hash);
      const { lines, dropped } = filter(read(path), (h) => h !== hash);
      if (dropped) rewrite(path, lines);
    },
    /** Removes every view but those of `hashes` (once the writer that added views is done), and anything else in the folder. */
    keepOnly(hashes: ReadonlySet<string>): void {
      for (const name of existsSync(dir) ? readdirSync(dir) : []) {
        const path = join(dir, name);
        // A view in a file of its own (in a folder of two characters) is from an older Dateline.
        if (!SHARD.test(name)) {
          rmSync(path, { recursive: true, force: true });
          continue;
        }
        const { lines, dropped } = filter(read(path), (h) => hashes.has(h));
        if (dropped) rewrite(path, lines);
      }
    },
  };
};

/** Each record's hash as the search state holds it, by article URL. */
function heldRecords(state: SearchState | undefined): Map<string, string> {
  const held = new Map<string, string>();
  for (const segment of state?.segments ?? []) for (const url in segment.records) held.set(url, segment.records[url]![0]);
  return held;
}

/** ModelSnapshot.recordsDiffer: `records` as a difference from what `state` holds. */
export function recordsDiffer(records: ReadonlyMap<string, string>, state: SearchState | undefined): Record<string, string | null> {
  const held = heldRecords(state);
  const differs: Record<string, string | null> = {};
  for (const [url, hash] of records) if (held.get(url) !== hash) differs[url] = hash;
  for (const url of held.keys()) if (!records.has(url)) differs[url] = null;
  return differs;
}

/** The search records' hashes of a snapshot, from the search state written with it. */
export function snapshotRecords(snapshot: ModelSnapshot, state: SearchState | undefined): Map<string, string> {
  const records = heldRecords(state);
  for (const url in snapshot.recordsDiffer) {
    const hash = snapshot.recordsDiffer[url];
    if (hash === null || hash === undefined) records.delete(url);
    else records.set(url, hash);
  }
  return records;
}
