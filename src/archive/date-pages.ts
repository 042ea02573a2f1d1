import type { IndexPage, ListingPage } from './archive.ts';
import { buildCalendar } from './calendar.ts';
import { type Entry, groupBy, groupByMonth, type ListingContext, localDay } from './listing.ts';
import { periodPages } from './time-slices.ts';
import { absoluteUrl, archiveIndexUrl, dayUrl, monthUrl, outputPathOf, yearUrl } from './urls.ts';

/**
 * Year, month and day pages for the days that have articles (by each article's local date),
 * sliced by time (see time-slices.ts), with month calendars and links to the neighbouring
 * non-empty period, and the archive index.
 */
export function buildDatePages(entries: readonly Entry[], ctx: ListingContext): { pages: ListingPage[]; index: IndexPage } {
  const { ui, base } = ctx;
  const dayCounts = new Map<string, Map<number, { url: string; count: number }>>();
  for (const [day, list] of groupBy(entries, localDay)) {
    const { year, month, day: d } = list[0]!.article.date;
    const month_ = day.slice(0, 7);
    if (!dayCounts.has(month_)) dayCounts.set(month_, new Map());
    dayCounts.get(month_)!.set(d, { url: dayUrl(base, year, month, d), count: list.length });
  }
  const calendarOf = (year: number, month: number, current?: number) =>
    buildCalendar(year, month, monthUrl(base, year, month), dayCounts.get(`${year}-${String(month).padStart(2, '0')}`)!, ui, current);
  const monthsOf = (year: number) =>
    [...dayCounts.keys()]
      .filter((m) => m.startsWith(`${year}-`))
      .sort()
      .map((m) => calendarOf(year, Number(m.slice(5))));

  const { pages } = periodPages(
    {
      base,
      breadcrumbs: [],
      everyPeriod: true,
      timeline: false,
      calendars: (period, date) =>
        period === 'year' ? monthsOf(date.year) : [calendarOf(date.year, date.month, period === 'month' ? undefined : date.day)],
    },
    entries,
    ctx,
  );

  const byYear = groupBy(entries, (e) => String(e.article.date.year)).sort(([a], [b]) => Number(b) - Number(a));
  const index: IndexPage = {
    url: archiveIndexUrl(base),
    outputPath: outputPathOf(archiveIndexUrl(base)),
    canonical: absoluteUrl(archiveIndexUrl(base), ctx.config.url),
    siteLang: ctx.config.lang,
    title: ui.archive,
    sections: byYear.map(([year, list]) => ({
      heading: `${ui.number(+year)} (${ui.articleCount(list.length)})`,
      headingUrl: yearUrl(base, +year),
      items: groupByMonth(list, ui).map((g) => {
        const [y, m] = g.datetime!.split('-').map(Number) as [number, number];
        return { name: g.heading!, url: monthUrl(base, y, m), count: g.articles.length, countText: ui.articleCount(g.articles.length) };
      }),
    })),
  };
  return { pages, index };
}
