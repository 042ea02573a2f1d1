import { compareText } from '../report/message.ts';
import type { IndexPage, ListingPage } from './archive.ts';
import { buildCalendar } from './calendar.ts';
import { formatDay, formatMonth } from './format-date.ts';
import { groupBy, groupByDay, groupByMonth, linkNeighbours, listingPage, localDay, localMonth, type Entry, type ListingContext } from './listing.ts';
import { absoluteUrl, archiveIndexUrl, dayUrl, monthUrl, outputPathOf, yearUrl } from './urls.ts';

/**
 * Year, month and day pages for the days that have articles (by each article's local date),
 * with month calendars and links to the neighbouring non-empty period, and the archive index.
 */
export function buildDatePages(entries: readonly Entry[], ctx: ListingContext): { pages: ListingPage[]; index: IndexPage } {
  const { ui } = ctx;
  // Oldest first, for neighbours; each page lists its own articles newest first. Periods are
  // ordered by their local key: 00:30 on 1 January in Kiritimati is earlier in UTC than 20:00 on
  // 31 December in Los Angeles, but its day comes later.
  const chronological = [...entries].reverse();
  const byKey = (groups: [string, Entry[]][]) => groups.sort(([a], [b]) => compareText(a, b));
  const byYear = byKey(groupBy(chronological, (e) => String(e.article.date.year)));
  const byMonth = byKey(groupBy(chronological, localMonth));
  const byDay = byKey(groupBy(chronological, localDay));
  const newestFirst = (list: Entry[]) => [...list].reverse();

  const dayCounts = new Map<string, Map<number, { url: string; count: number }>>();
  for (const [day, list] of byDay) {
    const { year, month, day: d } = list[0]!.article.date;
    const month_ = day.slice(0, 7);
    if (!dayCounts.has(month_)) dayCounts.set(month_, new Map());
    dayCounts.get(month_)!.set(d, { url: dayUrl(year, month, d), count: list.length });
  }
  const calendarOf = (year: number, month: number, current?: number) =>
    buildCalendar(year, month, monthUrl(year, month), dayCounts.get(`${year}-${String(month).padStart(2, '0')}`)!, ui, current);

  const years = byYear.map(([year, list]) => {
    const months = byKey(groupBy(list, localMonth)).map(([, m]) => m[0]!.article.date);
    return listingPage(ctx, { kind: 'year', url: yearUrl(+year), title: year, calendars: months.map((d) => calendarOf(d.year, d.month)) }, newestFirst(list));
  });
  const months = byMonth.map(([, list]) => {
    const { year, month } = list[0]!.article.date;
    const title = formatMonth(year, month, ui.dateLocale);
    return listingPage(
      ctx,
      { kind: 'month', url: monthUrl(year, month), title, breadcrumbs: [{ name: String(year), url: yearUrl(year) }], calendars: [calendarOf(year, month)], groups: groupByDay(newestFirst(list), ui) },
      newestFirst(list),
    );
  });
  const days = byDay.map(([, list]) => {
    const date = list[0]!.article.date;
    return listingPage(
      ctx,
      {
        kind: 'day',
        url: dayUrl(date.year, date.month, date.day),
        title: formatDay(date, ui.dateLocale),
        breadcrumbs: [
          { name: String(date.year), url: yearUrl(date.year) },
          { name: formatMonth(date.year, date.month, ui.dateLocale), url: monthUrl(date.year, date.month) },
        ],
        calendars: [calendarOf(date.year, date.month, date.day)],
        groups: [{ heading: ui.reports, articles: groupByDay(newestFirst(list), ui)[0]!.articles }],
      },
      newestFirst(list),
    );
  });
  for (const pages of [years, months, days]) linkNeighbours(pages, (p) => p.title);

  const index: IndexPage = {
    url: archiveIndexUrl(),
    outputPath: outputPathOf(archiveIndexUrl()),
    canonical: absoluteUrl(archiveIndexUrl(), ctx.config.url),
    title: ui.archive,
    sections: [...byYear].reverse().map(([year, list]) => ({
      heading: `${year} (${ui.articleCount(list.length)})`,
      headingUrl: yearUrl(+year),
      items: groupByMonth(newestFirst(list), ui).map((g) => {
        const [y, m] = g.datetime!.split('-').map(Number) as [number, number];
        return { name: g.heading!, url: monthUrl(y, m), count: g.articles.length, countText: ui.articleCount(g.articles.length) };
      }),
    })),
  };
  return { pages: [...years, ...months, ...days], index };
}
