import { createHash } from 'node:crypto';
import type { SearchBundle } from '../../archive/search-bundles.ts';

/**
 * The bundle of records written since the bundles beside it were: the articles edited, added or
 * moved since. The search page hides the older records these replace (`superseded`).
 */
export const OVERLAY_BUNDLE = 'pagefind-overlay';


/** A Pagefind bundle as written: its folder and, per article URL, its record's hash and Pagefind's id for it. */
export interface SearchSegment {
  folder: string;
  /** Of its records (folder, URLs and record hashes, in order): the output manifest's hash for the folder. */
  hash: string;
  records: Record<string, [hash: string, id: string]>;
}

/** The search index of a site, as the next build needs to know it. Plain data (JSON). */
export interface SearchState {
  /** The bundles, newest articles first; the first is the main one (`pagefind`). */
  segments: SearchSegment[];
}

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
 * Decides what to index. Without a previous index (or when the changes since it, with the old
 * records they hide, exceed `limit`: search.overlay_max), the plan: every bundle indexed, except one identical, folder and records, to a
 * previous segment. Otherwise every previous segment stays byte for byte, and the records that
 * differ from them — edited, or of an article no segment holds — go to the overlay, the
 * old records of edited and removed articles being superseded. The page's results are the same
 * either way: the overlay changes which files hold a record, not which records there are.
 *
 * `records`: every published article's URL → its record's hash.
 */
export function planSearchLayout(plan: readonly SearchBundle[], records: ReadonlyMap<string, string>, previous: SearchState | undefined, limit: number): SearchLayout {
  if (previous && previous.segments.length > 0) {
    const held = new Map<string, { folder: string; hash: string; id: string }>();
    for (const segment of previous.segments) for (const [url, [hash, id]] of Object.entries(segment.records)) held.set(url, { folder: segment.folder, hash, id });
    const overlay: string[] = [];
    const superseded: SupersededEntry[] = [];
    for (const [url, hash] of records) {
      const old = held.get(url);
      if (old?.hash === hash) continue;
      overlay.push(url);
      if (old) superseded.push({ folder: old.folder, url, id: old.id });
    }
    for (const [url, old] of held) if (!records.has(url)) superseded.push({ folder: old.folder, url, id: old.id });
    const changes = overlay.length + superseded.length;
    if (changes > 0 && changes <= limit) {
      return { write: [], keep: previous.segments, order: previous.segments.map((s) => s.folder), overlay, superseded };
    }
  }
  const same = (bundle: SearchBundle, segment: SearchSegment | undefined) => {
    const urls = segment && Object.keys(segment.records);
    return !!urls && urls.length === bundle.articleUrls.length && bundle.articleUrls.every((url, i) => urls[i] === url && segment.records[url]![0] === records.get(url));
  };
  const previousOf = new Map(previous?.segments.map((s) => [s.folder, s]));
  const keep = plan.flatMap((b) => (same(b, previousOf.get(b.folder)) ? [previousOf.get(b.folder)!] : []));
  const kept = new Set(keep.map((s) => s.folder));
  return { write: plan.filter((b) => !kept.has(b.folder)), keep, order: plan.map((b) => b.folder), overlay: [], superseded: [] };
}

/** A segment's hash: its folder and its records' URLs and hashes, in order. */
export function segmentHash(folder: string, urls: readonly string[], records: ReadonlyMap<string, string>): string {
  const h = createHash('sha256').update(folder);
  for (const url of urls) h.update('\0').update(url).update('\0').update(records.get(url) ?? '');
  return h.digest('hex');
}
