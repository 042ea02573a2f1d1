import type { Archive, ArticlePage } from '../../archive/archive.ts';
import { searchOrderKey } from '../../archive/search-bundles.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { normaliseSearchText } from './normalise-search-text.ts';

/** What Pagefind indexes for one article (its CustomRecord). */
export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/**
 * One record per published article, from the model: its text (title, summary, body), from which
 * Pagefind draws the excerpt, and every spelling of its places (names in every script, aliases)
 * in the `spellings` meta field, which Pagefind indexes too, so "Puli Hisar" and "پل حصار" find a
 * report written "Pol-e-Hesar" without a list of spellings ever being its excerpt. Filters: month
 * (local; the search page counts and filters years by their months, as an article has one month,
 * so the index carries no year filter to download), place at every level (a district's report is
 * Baghlan's and Afghanistan's), topic, language. Sorted by the UTC instant, so articles in
 * different zones compare correctly, then by URL, so that no two records tie (searchOrderKey).
 */
export function searchRecords(archive: Archive, bodies: Bodies): SearchRecord[] {
  return archive.articles.filter((a) => a.status === 'published').map((a) => searchRecord(a, bodies));
}

/** An article's record, its body's text read from `bodies`. */
export function searchRecord(a: ArticlePage, bodies: Bodies): SearchRecord {
  const text = bodies.get(a.bodyKey).text;
  return {
    url: a.url,
    content: normaliseSearchText([a.title, a.summary ?? '', text].join('\n')),
    language: a.lang,
    meta: recordMeta(a),
    filters: recordFilters(a),
    sort: recordSort(a),
  };
}

/** A record's sort values: by date (searchOrderKey). */
export function recordSort(a: ArticlePage): SearchRecord['sort'] {
  return { date: searchOrderKey(a.date.utc, a.url) };
}

/**
 * What decides an article's record (under one Dateline and site language), cheaper to hash than
 * the record: its body's text by hash (textKey) rather than the text. Two articles' inputs are
 * equal exactly when Pagefind would store the same entry for them.
 */
export function searchRecordInputs(a: ArticlePage): string {
  return JSON.stringify([
    a.url,
    a.title,
    a.summary ?? '',
    a.textKey,
    a.placeSpellings,
    a.lang,
    recordMeta(a),
    recordFilters(a),
    a.date.utc,
  ]);
}

function recordMeta(a: ArticlePage): SearchRecord['meta'] {
  return {
    title: a.title,
    date: a.date.day,
    datetime: a.date.datetime,
    dateline: a.datelinePlace,
    summary: a.excerpt,
    lang: a.lang,
    dir: a.dir,
    utc: a.date.utc,
    // Searched, never shown as an excerpt; the search page names the one a query matched.
    spellings: normaliseSearchText(a.placeSpellings.join(' · ')),
  };
}

/** The filter values of an article's record. */
export function recordFilters(a: ArticlePage): SearchRecord['filters'] {
  return {
    month: [a.date.datetime.slice(0, 7)],
    place: a.facets.places,
    topic: a.facets.topics,
    language: [a.lang],
  };
}

/** Every filter value with how many records have it, keys sorted: the search page's totals. */
export function filterTotals(records: readonly Pick<SearchRecord, 'filters'>[]): Record<string, Record<string, number>> {
  const totals: Record<string, Record<string, number>> = {};
  for (const record of records) {
    for (const [filter, values] of Object.entries(record.filters)) {
      const counts = (totals[filter] ??= {});
      for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
    }
  }
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sorted(Object.fromEntries(Object.entries(totals).map(([filter, counts]) => [filter, sorted(counts)])));
}
