import type { Gazetteer } from '../places/gazetteer.ts';
import { compareText } from '../report/message.ts';
import type { Entry } from './listing.ts';

const WINDOW_MS = 7 * 86_400_000;
const MAX_RELATED = 5;

/**
 * Related coverage for each article: articles within ±7 days that share a place (4 points for
 * one of the article's own places, 2 for a containing district, province or region; sharing
 * only a country does not count) or topics (1 point each). Best first, then nearest in time,
 * then by URL, so the order is deterministic. Only the articles sharing a place or topic within
 * the window are compared, found through an index of each place's and topic's articles in time.
 */
export function findRelated(entries: readonly Entry[], places: Gazetteer): Map<string, Entry[]> {
  const info = new Map(
    entries.map((e) => {
      const own = new Set(e.article.places.map((p) => p.id));
      const area = new Set([
        ...own,
        ...e.article.places.flatMap((p) =>
          places
            .containers(p)
            .filter((c) => c.type !== 'country')
            .map((c) => c.id),
        ),
      ]);
      return [e, { own, area, topics: new Set(e.page.topics.map((t) => t.url)), at: e.article.date.epochMs }];
    }),
  );
  const overlaps = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
    for (const x of a) if (b.has(x)) return true;
    return false;
  };
  const score = (a: Entry, b: Entry): number => {
    const x = info.get(a)!;
    const y = info.get(b)!;
    let topics = 0;
    for (const t of x.topics) if (y.topics.has(t)) topics++;
    return (overlaps(x.own, y.own) ? 4 : overlaps(x.area, y.area) ? 2 : 0) + topics;
  };
  const byTime = [...entries].sort((a, b) => info.get(a)!.at - info.get(b)!.at || compareText(a.page.url, b.page.url));
  // The articles of each place (below the country) and topic, in time order: an article's
  // candidates are those that share one, within the window (every other scores 0).
  const keysOf = (e: Entry) => {
    const { area, topics } = info.get(e)!;
    return [...[...area].map((id) => `p ${id}`), ...[...topics].map((url) => `t ${url}`)];
  };
  const byKey = new Map<string, number[]>();
  byTime.forEach((e, i) => {
    for (const key of keysOf(e)) {
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
  });
  const related = new Map<string, Entry[]>();
  byTime.forEach((entry, i) => {
    const at = info.get(entry)!.at;
    const near = new Set<number>();
    for (const key of keysOf(entry)) {
      const list = byKey.get(key)!;
      for (let k = firstAtOrAfter(list, (j) => info.get(byTime[j]!)!.at, at - WINDOW_MS); k < list.length; k++) {
        const j = list[k]!;
        if (info.get(byTime[j]!)!.at > at + WINDOW_MS) break;
        if (j !== i) near.add(j);
      }
    }
    const candidates: { e: Entry; score: number; gap: number }[] = [];
    for (const j of near) {
      const s = score(entry, byTime[j]!);
      if (s > 0) candidates.push({ e: byTime[j]!, score: s, gap: Math.abs(info.get(byTime[j]!)!.at - at) });
    }
    candidates.sort((a, b) => b.score - a.score || a.gap - b.gap || compareText(a.e.page.url, b.e.page.url));
    related.set(
      entry.page.url,
      candidates.slice(0, MAX_RELATED).map((c) => c.e),
    );
  });
  return related;
}

/** The first position in `list` (ascending by `at`) whose `at` is at least `min`. */
function firstAtOrAfter(list: readonly number[], at: (j: number) => number, min: number): number {
  let [lo, hi] = [0, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(list[mid]!) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
