/** The Pagefind bundle the search page loads; a split index's other bundles sit beside it. */
export const MAIN_SEARCH_BUNDLE = 'pagefind';

/**
 * The filters whose choices start closed on a large archive's search page (their part of the
 * index, together about 13 KiB of a first search per 1,000 articles, loads when a reader opens
 * them). The year choices, counted from the month filter, are always open.
 */
export const COLLAPSIBLE_FACETS = ['place', 'topic', 'language'] as const;

/** One Pagefind index: its folder beside the pages and the articles it holds. */
export interface SearchBundle {
  /** Folder under the site root: `pagefind` (the newest articles), `pagefind-1` (the oldest), `pagefind-2`… */
  folder: string;
  /** URLs of its articles, newest first. */
  articleUrls: string[];
}

/** What the partition needs of an article: its URL and its instant in UTC (the search sort key). */
export interface BundledArticle {
  url: string;
  utc: string;
}

/**
 * Splits the published articles into Pagefind indexes of at most `splitAbove` articles each, so
 * that Pagefind's memory while indexing stays bounded. Up to `splitAbove` articles: one bundle.
 * Above: consecutive stretches of time, filled to `splitAbove` from the oldest article (by the
 * UTC instant, the search sort key, so bundles never overlap in time); the newest articles left
 * over make the main bundle (`pagefind/`), the one the search page loads first.
 *
 * Filling bundles rather than cutting at years gives the fewest bundles (every merged bundle adds
 * index chunks to a reader's first query), and keeps the older bundles the same as the archive
 * grows: new reports go to the main bundle. Bundles come newest first, so the page can order
 * results by date across bundles by taking them bundle after bundle.
 */
export function planSearchBundles(articles: readonly BundledArticle[], splitAbove: number): SearchBundle[] {
  const key = (a: BundledArticle) => searchOrderKey(a.utc, a.url);
  const oldest = [...articles].sort((a, b) => compare(key(a), key(b)));
  const parts: BundledArticle[][] = [];
  for (let start = 0; start < oldest.length || parts.length === 0; start += splitAbove) parts.push(oldest.slice(start, start + splitAbove));
  return parts
    .map((part, i) => ({
      folder: i === parts.length - 1 ? MAIN_SEARCH_BUNDLE : `${MAIN_SEARCH_BUNDLE}-${i + 1}`,
      articleUrls: part.map((a) => a.url).reverse(),
    }))
    .reverse();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An article's place in a search sorted by date: its UTC instant, then
 * its URL, so no two articles tie. The bundles of a split index are cut in this order, and the
 * search page puts the overlay's results among the others by it (meta `utc` and the result's URL).
 */
export function searchOrderKey(utc: string, url: string): string {
  return `${utc} ${url}`;
}
