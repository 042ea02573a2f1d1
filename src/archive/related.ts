import type { Gazetteer } from '../places/gazetteer.ts';
import { compareText } from '../report/message.ts';
import type { Entry } from './listing.ts';

const WINDOW_MS = 7 * 86_400_000;
const MAX_RELATED = 5;

/**
 * Related coverage for each article: articles within ±7 days that share a place (4 points for
 * one of the article's own places, 2 for a containing district, province or region; sharing
 * only a country does not count) or topics (1 point each). Best first, then nearest in time,
 * then by URL, so the order is deterministic. A sliding window keeps it linear in the archive.
 */
export function findRelated(entries: readonly Entry[], places: Gazetteer): Map<string, Entry[]> {
  const info = new Map(
    entries.map((e) => {
      const own = new Set(e.article.places.map((p) => p.id));
      const area = new Set([...own, ...e.article.places.flatMap((p) => places.containers(p).filter((c) => c.type !== 'country').map((c) => c.id))]);
      return [e, { own, area, topics: new Set(e.page.topics.map((t) => t.url)), at: e.article.date.epochMs }];
    }),
  );
  const score = (a: Entry, b: Entry): number => {
    const x = info.get(a)!;
    const y = info.get(b)!;
    const place = [...x.own].some((id) => y.own.has(id)) ? 4 : [...x.area].some((id) => y.area.has(id)) ? 2 : 0;
    return place + [...x.topics].filter((t) => y.topics.has(t)).length;
  };
  const byTime = [...entries].sort((a, b) => info.get(a)!.at - info.get(b)!.at || compareText(a.page.url, b.page.url));
  const related = new Map<string, Entry[]>();
  let start = 0;
  byTime.forEach((entry, i) => {
    const at = info.get(entry)!.at;
    while (info.get(byTime[start]!)!.at < at - WINDOW_MS) start++;
    const candidates: { e: Entry; score: number; gap: number }[] = [];
    for (let j = start; j < byTime.length && info.get(byTime[j]!)!.at <= at + WINDOW_MS; j++) {
      if (j === i) continue;
      const s = score(entry, byTime[j]!);
      if (s > 0) candidates.push({ e: byTime[j]!, score: s, gap: Math.abs(info.get(byTime[j]!)!.at - at) });
    }
    candidates.sort((a, b) => b.score - a.score || a.gap - b.gap || compareText(a.e.page.url, b.e.page.url));
    related.set(entry.page.url, candidates.slice(0, MAX_RELATED).map((c) => c.e));
  });
  return related;
}
