import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import pMap from 'p-map';
import * as pagefind from 'pagefind';
import type { Archive, ArticlePage } from '../../archive/archive.ts';
import { MAIN_SEARCH_BUNDLE, searchOrderKey } from '../../archive/search-bundles.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { mergePagefindBundles } from './merge-pagefind.ts';
import { OVERLAY_BUNDLE, segmentHash, type SearchLayout, type SearchSegment, type SearchState } from './search-layout.ts';
import { filterTotals, recordFilters, searchRecord, type SearchRecord } from './search-records.ts';

/**
 * What the search page loads first, beside it: the bundles to search, the overlay's superseded
 * records, and every filter value's total (with which choices start closed).
 */
export const SEARCH_DATA_FILE = 'search/index.json';

/** The search page's data (SEARCH_DATA_FILE). */
/** What the search page's data says of the whole archive: its published articles and the totals of each filter's values. */
export type SearchSummary = Pick<SearchData, 'articles' | 'totals'>;

/** The SearchSummary of an archive's articles. */
export function searchSummary(articles: readonly ArticlePage[]): SearchSummary {
  const published = articles.filter((a) => a.status === 'published');
  return { articles: published.length, totals: filterTotals(published.map((a) => ({ filters: recordFilters(a) }))) };
}

export interface SearchData {
  articles: number;
  collapsed: string[];
  totals: Record<string, Record<string, number>>;
  /** Bundle folders, newest articles first; the first is the one whose pagefind.js the page runs. */
  bundles: string[];
  /** The overlay bundle's folder, when there is one. */
  overlay?: string;
  /** Pagefind id → the article URL and filter values of a record the page hides (an overlay replaces it, or its article is gone). */
  superseded: Record<string, { url: string; filters: Record<string, string[]> }>;
}

/**
 * Writes the Pagefind index of the archive's published articles as `layout` says (planSearchLayout):
 * the bundles to index, each by its own Pagefind process, one after the other, so the memory it
 * takes is that of one bundle; then the overlay, if any; then SEARCH_DATA_FILE. The bundles it
 * keeps are linked from the previous site (`previousSite`) by the caller; the filter values of
 * their superseded records are read from there. One index for every language (forceLanguage), so
 * a Dari spelling finds an English report and the other way round; the language is a filter.
 * Records come from the model, so no page is parsed again and list pages are never indexed.
 * A split index stores no bundle filter: the page names each bundle with Pagefind's mergeFilter.
 * Returns the number of files written and the state the next build starts from (none when search is off).
 */
export async function writeSearchIndex(
  archive: Archive,
  bodies: Bodies,
  dir: string,
  layout: SearchLayout,
  recordHashes: ReadonlyMap<string, string>,
  version: string,
  previousSite?: string,
  summary: SearchSummary = searchSummary(archive.articles),
): Promise<{ files: number; state?: SearchState }> {
  if (!archive.site.search.enabled) return { files: 0 };
  const published = archive.articles.filter((a) => a.status === 'published');
  const byUrl = new Map(published.map((a) => [a.url, a]));
  const lang = archive.site.lang;
  let files = 0;
  const written = new Map<string, SearchSegment>();
  for (const bundle of layout.write) {
    const folder = join(dir, bundle.folder);
    files += await writePagefindBundle(bundle.articleUrls.map((url) => searchRecord(byUrl.get(url)!, bodies)), lang, folder);
    if (bundle.folder !== MAIN_SEARCH_BUNDLE) files -= await removeScripts(folder);
    const ids = await recordIds(folder);
    const idOf = (url: string) => {
      const id = ids.get(url);
      if (!id) throw new Error(`Pagefind wrote no entry for ${url} in ${bundle.folder}/`);
      return id;
    };
    const records = Object.fromEntries(bundle.articleUrls.map((url) => [url, [recordHashes.get(url)!, idOf(url)] as [string, string]]));
    written.set(bundle.folder, { folder: bundle.folder, hash: segmentHash(bundle.folder, bundle.articleUrls, recordHashes), records });
  }
  // The overlay. A record whose inputs changed but not what Pagefind stores (a fix that search
  // folds away, such as Arabic ي for Persian ی) gets the id of the entry it would replace, and
  // hiding that id would hide both: such records are taken out and their old entries kept.
  let { overlay, superseded } = layout;
  const unchanged = new Set<string>();
  const overlayDir = join(dir, OVERLAY_BUNDLE);
  const key = (a: ArticlePage) => searchOrderKey(a.date.utc, a.url);
  for (let attempt = 0; overlay.length > 0; attempt++) {
    const articles = overlay.map((url) => byUrl.get(url)!).sort((a, b) => (key(a) < key(b) ? 1 : -1));
    const overlayFiles = (await writePagefindBundle(articles.map((a) => searchRecord(a, bodies)), lang, overlayDir)) - (await removeScripts(overlayDir));
    const ids = await recordIds(overlayDir);
    const same = superseded.filter((s) => ids.get(s.url) === s.id).map((s) => s.url);
    if (same.length === 0) {
      files += overlayFiles;
      break;
    }
    if (attempt > 0) throw new Error(`Pagefind gave ${same[0]} the id of its old entry twice: build with --force.`);
    await rm(overlayDir, { recursive: true, force: true });
    for (const url of same) unchanged.add(url);
    overlay = overlay.filter((url) => !unchanged.has(url));
    superseded = superseded.filter((s) => !unchanged.has(s.url));
  }
  const hidden = await pMap(
    superseded,
    async ({ folder, url, id }) => {
      const fragment = await readFragment(join(previousSite ?? dir, folder, 'fragment', `${id}.pf_fragment`));
      return [id, { url, filters: fragment.filters }] as const;
    },
    { concurrency: 16 },
  );
  const data: SearchData = {
    articles: summary.articles,
    collapsed: archive.site.search.collapsedFacets,
    totals: summary.totals,
    bundles: layout.order,
    ...(overlay.length > 0 && { overlay: OVERLAY_BUNDLE }),
    superseded: Object.fromEntries(hidden),
  };
  await mkdir(join(dir, 'search'), { recursive: true });
  await writeFile(join(dir, SEARCH_DATA_FILE), `${JSON.stringify(data)}\n`);
  // A kept bundle's entry found unchanged takes the record's new hash, so the next build does not try again.
  const kept = new Map(
    layout.keep.map((s) => {
      const records = Object.fromEntries(Object.entries(s.records).map(([url, [hash, id]]) => [url, [unchanged.has(url) ? recordHashes.get(url)! : hash, id] as [string, string]]));
      return [s.folder, { ...s, records }];
    }),
  );
  return { files: files + 1, state: { version, segments: layout.order.map((folder) => written.get(folder) ?? kept.get(folder)!) } };
}

const RECORD_BATCH = 200;

/**
 * The most records one Pagefind process indexes. Pagefind 1.6 holds several copies of every
 * record's word positions while it builds (about 300 KB a record of 600 words here: 1.5 GiB for
 * 5,000), so a larger bundle is indexed in parts of this size, one process after the other, and
 * the parts merged into the bundle one process would have written (mergePagefindBundles).
 */
export const PAGEFIND_PROCESS_RECORDS = 1_000;

/**
 * Indexes records and writes them as one Pagefind bundle, at most `processRecords` records a
 * Pagefind process; returns its number of files.
 */
export async function writePagefindBundle(records: readonly SearchRecord[], lang: string, outputPath: string, processRecords = PAGEFIND_PROCESS_RECORDS): Promise<number> {
  if (records.length <= processRecords) await indexRecords(records, lang, outputPath);
  else {
    const partsDir = `${outputPath}.parts`;
    const parts: string[] = [];
    for (let start = 0; start < records.length; start += processRecords) {
      parts.push(join(partsDir, String(parts.length)));
      await indexRecords(records.slice(start, start + processRecords), lang, parts[parts.length - 1]!);
    }
    const sortKeys = Object.keys(records[0]!.sort);
    await mergePagefindBundles(parts, outputPath, Object.fromEntries(sortKeys.map((key) => [key, records.map((r) => r.sort[key]!)])));
    await rm(partsDir, { recursive: true, force: true });
  }
  // Counted on disk: getFiles() would send every file's bytes back over the pipe.
  return (await readdir(outputPath, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
}

/** Indexes records in a fresh Pagefind process and writes its bundle. */
async function indexRecords(records: readonly SearchRecord[], lang: string, outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: lang.split('-')[0], keepIndexUrl: false });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Sent in batches rather than one round trip at a time: the binary reads them in order.
    for (let start = 0; start < records.length; start += RECORD_BATCH) {
      const batch = records.slice(start, start + RECORD_BATCH);
      const results = await Promise.all(batch.map((record) => index.addCustomRecord(record)));
      results.forEach((added, i) => {
        if (added.errors.length) throw new Error(`Pagefind could not index ${batch[i]!.url}: ${added.errors.join('; ')}`);
      });
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await index.deleteIndex();
    // Ends the Pagefind process, so the next one starts with its memory returned.
    await pagefind.close();
  }
}

/** What the build reads of a Pagefind fragment (a record as Pagefind stored it). */
interface Fragment {
  url: string;
  filters: Record<string, string[]>;
}

/** Pagefind's fragment files are gzip of a signature and the JSON. */
async function readFragment(path: string): Promise<Fragment> {
  const text = (await promisify(gunzip)(await readFile(path))).toString('utf8');
  return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
}

/**
 * Pagefind's id for each record of a written bundle, by URL: the name of its fragment file (the
 * id a search result carries), which the page needs to hide a record that is later superseded.
 */
async function recordIds(bundleDir: string): Promise<Map<string, string>> {
  const names = (await readdir(join(bundleDir, 'fragment'))).filter((n) => n.endsWith('.pf_fragment'));
  const pairs = await pMap(names, async (name) => [(await readFragment(join(bundleDir, 'fragment', name))).url, name.slice(0, -'.pf_fragment'.length)] as const, { concurrency: 16 });
  return new Map(pairs);
}

/**
 * A merged bundle needs only its index files: the page runs the main bundle's pagefind.js and
 * WebAssembly. Removes the scripts, styles and WebAssembly Pagefind writes into every bundle;
 * returns how many files it removed.
 */
async function removeScripts(bundleDir: string): Promise<number> {
  const unused = (await readdir(bundleDir, { withFileTypes: true })).filter((e) => e.isFile() && /\.(?:js|css)$|^wasm\./.test(e.name));
  await Promise.all(unused.map((e) => rm(join(bundleDir, e.name))));
  return unused.length;
}
