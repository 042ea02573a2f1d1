import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import type { ArticlePage } from '../../archive/archive.ts';
import type { ArticlesPart } from '../../archive/build-archive.ts';
import { MAIN_SEARCH_BUNDLE, searchOrderKey } from '../../archive/search-bundles.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { indexBundle, pagefindPool, readFragment, sortValuesOf, startPagefindThread, type WrittenBundle } from './pagefind-bundle.ts';
import { OVERLAY_BUNDLE, SEARCH_DATA_FILE, type SearchLayout, type SearchSegment, type SearchState, segmentHash } from './search-layout.ts';
import { filterTotals, recordFilters, recordSort, searchRecord } from './search-records.ts';

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
 * From this many records to index, they are sent to Pagefind from a worker thread: below it, the
 * worker's start-up (loading Pagefind's client and the merge) costs more than it saves.
 */
const WORKER_RECORDS = 500;

/**
 * Starts the thread that sends a whole index of about `records` records to Pagefind, when it
 * will be used (WORKER_RECORDS): at 1,000 articles the search started 0.2 s after the model, the
 * thread starting meanwhile, and it ends last.
 */
export function startSearchAhead(records: number): void {
  if (records >= WORKER_RECORDS) startPagefindThread();
}

/**
 * Writes the Pagefind index of the archive's published articles as `layout` says (planSearchLayout):
 * the bundles to index, in parts of a Pagefind process each, so the memory it takes is bounded
 * (pagefindPool: one process at a time until `pagesWritten` settles, then two); then the overlay,
 * if any; then SEARCH_DATA_FILE. The bundles it
 * keeps are linked from the previous site (`previousSite`) by the caller; the filter values of
 * their superseded records are read from there. One index for every language (forceLanguage), so
 * a Dari spelling finds an English report and the other way round; the language is a filter.
 * Records come from the model, so no page is parsed again and list pages are never indexed.
 * A split index stores no bundle filter: the page names each bundle with Pagefind's mergeFilter.
 * Returns the number of files written and the state the next build starts from (none when search is off).
 */
export async function writeSearchIndex(
  archive: ArticlesPart,
  bodies: Bodies,
  dir: string,
  layout: SearchLayout,
  recordHashes: ReadonlyMap<string, string>,
  version: string,
  previousSite?: string,
  summary: SearchSummary = searchSummary(archive.articles),
  pagesWritten?: Promise<unknown>,
  signal?: AbortSignal,
): Promise<{ files: number; state?: SearchState }> {
  if (!archive.sites[0]!.search.enabled) return { files: 0 };
  const published = archive.articles.filter((a) => a.status === 'published');
  const byUrl = new Map(published.map((a) => [a.url, a]));
  const lang = archive.sites[0]!.lang;
  let files = 0;
  const written = new Map<string, SearchSegment>();
  // Many records are indexed by Pagefind processes on worker threads (pagefindPool), a few here.
  const pool = layout.write.reduce((n, b) => n + b.articleUrls.length, 0) >= WORKER_RECORDS ? pagefindPool() : undefined;
  void pagesWritten?.then(() => pool?.widen());
  // A build that fails stops the pool's processes: what they were writing is thrown away.
  const stop = () => void pool?.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const jobs = layout.write.map((bundle) => ({
      bundle,
      lang,
      outputPath: join(dir, bundle.folder),
      scripts: bundle.folder === MAIN_SEARCH_BUNDLE,
      size: bundle.articleUrls.length,
      records: (from: number, to: number) => bundle.articleUrls.slice(from, to).map((url) => searchRecord(byUrl.get(url)!, bodies)),
    }));
    const done: WrittenBundle[] = [];
    if (pool) {
      const sortValues = (urls: string[]) => sortValuesOf(urls.map((url) => ({ sort: recordSort(byUrl.get(url)!) })));
      done.push(
        ...(await Promise.all(
          jobs.map((job) => pool.write({ ...job, sortValues: sortValues(job.bundle.articleUrls), urls: job.bundle.articleUrls })),
        )),
      );
    } else {
      // One after the other: this thread has one Pagefind process, which each bundle closes.
      for (const job of jobs) done.push(await indexBundle({ ...job, records: job.records(0, job.size) }));
    }
    for (const [n, { bundle }] of jobs.entries()) {
      files += done[n]!.files;
      const ids = new Map(done[n]!.ids);
      const idOf = (url: string) => {
        const id = ids.get(url);
        if (!id) throw new Error(`Pagefind wrote no entry for ${url} in ${bundle.folder}/`);
        return id;
      };
      const entries = Object.fromEntries(bundle.articleUrls.map((url) => [url, [recordHashes.get(url)!, idOf(url)] as [string, string]]));
      written.set(bundle.folder, {
        folder: bundle.folder,
        hash: segmentHash(bundle.folder, bundle.articleUrls, recordHashes),
        records: entries,
      });
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    await pool?.close();
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
    const done = await indexBundle({ records: articles.map((a) => searchRecord(a, bodies)), lang, outputPath: overlayDir, scripts: false });
    const ids = new Map(done.ids);
    const same = superseded.filter((s) => ids.get(s.url) === s.id).map((s) => s.url);
    if (same.length === 0) {
      files += done.files;
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
    collapsed: archive.sites[0]!.search.collapsedFacets,
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
      const records = Object.fromEntries(
        Object.entries(s.records).map(([url, [hash, id]]) => [
          url,
          [unchanged.has(url) ? recordHashes.get(url)! : hash, id] as [string, string],
        ]),
      );
      return [s.folder, { ...s, records }];
    }),
  );
  return { files: files + 1, state: { version, segments: layout.order.map((folder) => written.get(folder) ?? kept.get(folder)!) } };
}
