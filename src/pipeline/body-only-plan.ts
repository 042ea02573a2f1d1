import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive, ArticlePage } from '../archive/archive.ts';
import { articleUrl, outputPathOf } from '../archive/urls.ts';
import { NO_SEARCH, planSearchLayout, type SearchLayout, type SearchState } from '../outputs/search/search-layout.ts';
import type { CheckedFile } from './article-state.ts';
import type { ModelSnapshot } from './model-snapshot.ts';
import { pageStore, snapshotRecords } from './model-snapshot.ts';
import { type OutputManifest, outputHasher } from './output-manifest.ts';

/** What a build writes: the model (or the part of it the changed outputs print) and every output's hash. */
export interface BodyOnlyPlan {
  /** The sites, home and search pages, feeds and search bundles of the last model; of its articles, those printed by what changed. */
  archive: Archive;
  /** Every output's hash: the last build's, but for the changed articles' pages and the feeds that print them. */
  hashes: Map<string, string>;
  /** The search record hash of every published article. */
  records: Map<string, string>;
  layout: SearchLayout;
  /** The articles whose body changed, by URL, with their new pages. */
  changed: Map<string, ArticlePage>;
}

/**
 * The outputs of a build in which only the bodies of `changed` changed (bodyOnlyChanges), from
 * the last build's model snapshot, manifest and stored page views, without making the model: the
 * changed articles' pages (the last view with the new body keys), the feeds that print them, and
 * their search records into the overlay. Undefined when something it needs is missing (a page
 * view, the exports' or sitemap's files in the served site) or the search index would be indexed
 * again rather than overlaid: the build then makes the whole model.
 */
export function bodyOnlyPlan(input: {
  changed: readonly CheckedFile[];
  snapshot: ModelSnapshot;
  previous: OutputManifest;
  previousSearch: SearchState | undefined;
  cacheDir: string;
  output: string;
  version: string;
  searchVersion: string;
  overlayMax: number;
}): BodyOnlyPlan | undefined {
  const { snapshot, previous } = input;
  const store = pageStore(input.cacheDir);
  const hasher = outputHasher(snapshot.sites, input.version);
  const pages = new Map<string, ArticlePage | undefined>();
  const load = (url: string): ArticlePage | undefined => {
    if (!pages.has(url)) {
      const h = previous.files[outputPathOf(url)];
      pages.set(url, h === undefined ? undefined : store.get(h));
    }
    return pages.get(url);
  };
  const changed = new Map<string, ArticlePage>();
  for (const f of input.changed) {
    // Its metadata is the last build's: so is its URL.
    const url = f.entry.article && articleUrl(f.entry.article.date, f.entry.article.slug);
    const old = url === undefined ? undefined : load(url);
    if (!url || !old || !f.entry.render) return undefined;
    const page = { ...old, bodyKey: f.entry.render.key, textKey: f.entry.render.textKey };
    pages.set(url, page);
    changed.set(url, page);
  }
  // The exports and the sitemap print no body: kept, they must be there to keep.
  const writerFiles = Object.values(snapshot.writerFiles).flat();
  if (!writerFiles.every((file) => existsSync(join(input.output, file)))) return undefined;

  const hashes = new Map(Object.entries(previous.files));
  const articleHashes = new Map<string, string | undefined>();
  const articleHash = (url: string) => {
    if (!articleHashes.has(url)) {
      const page = load(url);
      articleHashes.set(url, page && hasher.article(page));
    }
    return articleHashes.get(url);
  };
  for (const url of changed.keys()) hashes.set(outputPathOf(url), hasher.articlePage(changed.get(url)!.siteLang, articleHash(url)!));
  for (const spec of snapshot.feeds) {
    if (!spec.articles.some((url) => changed.has(url))) continue;
    if (!spec.articles.every((url) => articleHash(url) !== undefined)) return undefined;
    const feed = hasher.feed(spec, articleHash, '');
    for (const url of Object.values(spec.urls)) hashes.set(url.slice(1), feed);
  }

  // The records are known from the search state written with the snapshot: without it, none.
  const search = snapshot.searches.length > 0;
  if (search && !input.previousSearch) return undefined;
  const records = snapshotRecords(snapshot, input.previousSearch);
  for (const [url, page] of changed) if (records.has(url)) records.set(url, hasher.record(input.searchVersion, page));
  const layout = search
    ? planSearchLayout(snapshot.searchBundles, records, input.previousSearch, input.overlayMax, input.searchVersion)
    : NO_SEARCH;
  if (layout.write.length > 0 || !layout.overlay.every((url) => load(url) !== undefined)) return undefined;

  const articles = [...pages.values()].filter((p): p is ArticlePage => p !== undefined);
  const archive: Archive = {
    sites: snapshot.sites,
    homes: snapshot.homes,
    searches: snapshot.searches,
    feeds: snapshot.feeds,
    searchBundles: snapshot.searchBundles,
    articles,
    listings: [],
    indexes: [],
  };
  return { archive, hashes, records, layout, changed };
}
