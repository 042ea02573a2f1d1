import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive, ArticlePage, FeedSpec, HomePage, SitePage, SiteView } from '../archive/archive.ts';
import type { SearchBundle } from '../archive/search-bundles.ts';
import type { FileWriter } from '../outputs/file-writer.ts';
import type { SearchState } from '../outputs/search/search-layout.ts';
import type { SearchSummary } from '../outputs/search/write-search-index.ts';
import { readJsonFile, readJsonFileSync, writeJsonFile } from './json-file.ts';

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

/**
 * Article page views, each in a file named by its page's hash (content-addressed: the manifest
 * says which one is current). Kept for the pages written; an unchanged page keeps its file.
 */
export const pageStore = (cacheDir: string) => {
  const dir = join(cacheDir, PAGES_DIR);
  const path = (hash: string) => join(dir, hash.slice(0, 2), `${hash}.json`);
  return {
    get(hash: string): ArticlePage | undefined {
      const page = readJsonFileSync(path(hash)) as ArticlePage | undefined;
      return typeof page?.url === 'string' ? page : undefined;
    },
    /** Hands the view to `writer`, to be written whole. */
    put(hash: string, page: ArticlePage, writer: FileWriter): Promise<void> {
      return writer.write(path(hash), JSON.stringify(page), true);
    },
    remove(hash: string): void {
      rmSync(path(hash), { force: true });
    },
    /** Removes every view but those of `hashes`. */
    keepOnly(hashes: ReadonlySet<string>): void {
      const shards = existsSync(dir) ? readdirSync(dir) : [];
      for (const shard of shards) {
        for (const name of readdirSync(join(dir, shard))) {
          if (name.endsWith('.json') && !hashes.has(name.slice(0, -'.json'.length))) rmSync(join(dir, shard, name), { force: true });
        }
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
