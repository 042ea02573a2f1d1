import { createHash } from 'node:crypto';
import type { SearchBundle } from '../../archive/search-bundles.ts';

/**
 * The bundle of records written since the bundles beside it were: the articles edited, added or
 * moved since. The search page hides the older records these replace (`superseded`).
 */
export const OVERLAY_BUNDLE = 'pagefind-overlay';

/**
 * What the search page loads first, beside it: the bundles to search, the overlay's superseded
 * records, and every filter value's total (with which choices start closed).
 */
export const SEARCH_DATA_FILE = 'search/index.json';

/**
 * What writeSearchIndex writes in the site as `layout` says (site-relative): the bundles written
 * (and the folders of their parts, which it removes: pagefind-bundle.ts), the overlay, the search
 * page's data.
 */
export function searchPaths(layout: Pick<SearchLayout, 'write'>): string[] {
  return [...layout.write.flatMap((bundle) => [bundle.folder, `${bundle.folder}.parts`]), OVERLAY_BUNDLE, SEARCH_DATA_FILE];
}

/** A Pagefind bundle as written: its folder and, per article URL, its record's hash and Pagefind's id for it. */
export interface SearchSegment {
  folder: string;
  /** Of its records (folder, URLs and record hashes, in order): the output manifest's hash for the folder. */
  hash: string;
  records: Record<string, [hash: string, id: string]>;
}

/** The search index of a site, as the next build needs to know it. Plain data (JSON). */
export interface SearchState {
  /** What the bundles were written by (searchVersion): under another, none is kept. */
  version: string;
  /** The bundles, newest articles first; the first is the main one (`pagefind`). */
  segments: SearchSegment[];
}

/** The stored state, if it has the shape of one (else the index is written as a clean build writes it). */
export function asSearchState(value: unknown): SearchState | undefined {
  const state = value as SearchState | undefined;
  const pair = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every((s) => typeof s === 'string');
  const segment = (s: SearchSegment) =>
    typeof s?.folder === 'string' &&
    typeof s.hash === 'string' &&
    typeof s.records === 'object' &&
    s.records !== null &&
    Object.values(s.records).every(pair);
  return typeof state?.version === 'string' && Array.isArray(state.segments) && state.segments.every(segment) ? state : undefined;
}

/** Nothing to write or keep (search is off). */
export const NO_SEARCH: SearchLayout = { write: [], keep: [], order: [], overlay: [], superseded: [] };

/** A segment's entry the search page hides: an edited or removed article's old record. */
export interface SupersededEntry {
  folder: string;
  url: string;
  id: string;
}

/** What a build writes of the search index, and what it takes from the previous site. */
export interface SearchLayout {
  /** Bundles to index now (each a SearchBundle of the plan). */
  write: SearchBundle[];
  /** Segments taken whole from the previous site. */
  keep: SearchSegment[];
  /** The bundle folders the page searches, newest articles first (kept and written). */
  order: string[];
  /** Articles whose records go to the overlay bundle (none: no overlay). */
  overlay: string[];
  superseded: SupersededEntry[];
}

/**
 * Decides what to index. Without a previous index of this `version` (searchVersion), or when the
 * changes since it, with the old records they hide, exceed `limit` (search.overlay_max) or half
 * the archive: the plan, every bundle indexed except one identical, folder and records, to a
 * previous segment. Otherwise every previous segment stays byte for byte, and the records that
 * differ from them (edited, or of an article no segment holds) go to the overlay, the old
 * records of edited and removed articles being superseded. The page finds the same records
 * either way, counts them the same and orders them the same by date; by relevance, Pagefind
 * scores each bundle by its own word statistics, so an overlay's results can rank differently.
 *
 * `records`: every published article's URL → its record's hash.
 */
export function planSearchLayout(
  plan: readonly SearchBundle[],
  records: ReadonlyMap<string, string>,
  previous: SearchState | undefined,
  limit: number,
  version: string,
): SearchLayout {
  if (previous?.version === version && previous.segments.length > 0) {
    const held = new Map<string, { folder: string; hash: string; id: string }>();
    for (const segment of previous.segments)
      for (const [url, [hash, id]] of Object.entries(segment.records)) held.set(url, { folder: segment.folder, hash, id });
    const overlay: string[] = [];
    const superseded: SupersededEntry[] = [];
    for (const [url, hash] of records) {
      const old = held.get(url);
      if (old?.hash === hash) continue;
      overlay.push(url);
      if (old) superseded.push({ folder: old.folder, url, id: old.id });
    }
    for (const [url, old] of held) if (!records.has(url)) superseded.push({ folder: old.folder, url, id: old.id });
    // In URL order, whatever the order of `records` (the model's, or the search state's).
    superseded.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    // Worth it while small: past half the archive, indexing it again costs less than hiding it.
    const changes = overlay.length + superseded.length;
    if (changes > 0 && changes <= limit && overlay.length * 2 <= records.size) {
      return { write: [], keep: previous.segments, order: previous.segments.map((s) => s.folder), overlay, superseded };
    }
  }
  const same = (bundle: SearchBundle, segment: SearchSegment | undefined) => {
    const urls = segment && Object.keys(segment.records);
    return (
      !!urls &&
      urls.length === bundle.articleUrls.length &&
      bundle.articleUrls.every((url, i) => urls[i] === url && segment.records[url]![0] === records.get(url))
    );
  };
  const previousOf = new Map(previous?.version === version ? previous.segments.map((s) => [s.folder, s]) : []);
  const keep = plan.flatMap((b) => (same(b, previousOf.get(b.folder)) ? [previousOf.get(b.folder)!] : []));
  const kept = new Set(keep.map((s) => s.folder));
  return { write: plan.filter((b) => !kept.has(b.folder)), keep, order: plan.map((b) => b.folder), overlay: [], superseded: [] };
}

/** A segment's hash: its folder and its records' URLs and hashes, in order. */
export function segmentHash(folder: string, urls: readonly string[], records: ReadonlyMap<string, string>): string {
  const h = createHash('sha256').update(folder);
  for (const url of urls)
    h.update('\0')
      .update(url)
      .update('\0')
      .update(records.get(url) ?? '');
  return h.digest('hex');
}
