import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Archive } from '../../archive/archive.ts';
import { MAIN_SEARCH_BUNDLE, type SearchBundle } from '../../archive/search-bundles.ts';
import { filterTotals, recordFilters, searchRecord, type SearchRecord } from './search-records.ts';

/** The search page's facet data, beside it: every filter value's total, and which start closed. */
export const FACETS_FILE = 'search/facets.json';

/**
 * Writes the Pagefind index of the archive's published articles: one bundle in `<dir>/pagefind/`,
 * or, for an archive larger than `search.split_above`, several bundles of consecutive articles
 * (`archive.searchBundles`), each built by its own Pagefind process, one after the other, so the
 * memory it takes is that of one bundle. One index for every language (forceLanguage), so a Dari
 * spelling finds an English report and the other way round; the language is a filter instead.
 * Records come from the model, so no page is parsed again and list pages are never indexed.
 * A split index stores no bundle filter: the page names each bundle with Pagefind's mergeFilter.
 * Also writes FACETS_FILE, from every published article (an incremental build passes only the
 * bundles that changed in `searchBundles`). Writes nothing when search is off.
 */
export async function writeSearchIndex(archive: Archive, dir: string): Promise<number> {
  if (!archive.site.search.enabled) return 0;
  const published = archive.articles.filter((a) => a.status === 'published');
  const byUrl = new Map(published.map((a) => [a.url, a]));
  let files = 0;
  for (const bundle of archive.searchBundles) {
    const ofBundle = bundle.articleUrls.flatMap((url) => byUrl.get(url) ?? []).map(searchRecord);
    files += await writeBundle(ofBundle, archive.site.lang, join(dir, bundle.folder));
    if (bundle.folder !== MAIN_SEARCH_BUNDLE) files -= await removeScripts(join(dir, bundle.folder));
  }
  const facets = {
    articles: published.length,
    collapsed: archive.site.search.collapsedFacets,
    totals: filterTotals(published.map((a) => ({ filters: recordFilters(a) }))),
  };
  await mkdir(join(dir, 'search'), { recursive: true });
  await writeFile(join(dir, FACETS_FILE), `${JSON.stringify(facets)}\n`);
  return files + 1;
}

const RECORD_BATCH = 200;

/** Indexes records in a fresh Pagefind process and writes the bundle; returns its number of files. */
async function writeBundle(records: readonly SearchRecord[], lang: string, outputPath: string): Promise<number> {
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
    // Counted on disk: getFiles() would send every file's bytes back over the pipe.
    return (await readdir(outputPath, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  } finally {
    await index.deleteIndex();
    // Ends the Pagefind process, so the next bundle starts with its memory returned.
    await pagefind.close();
  }
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
