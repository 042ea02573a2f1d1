import type { ArticleDate } from '../dates/article-date.ts';
import { compareText } from '../report/message.ts';
import type { CalendarMonth, CountLink, FeedUrls, Link, ListingPage, Period, TeaserGroup } from './archive.ts';
import { formatDay, formatMonth } from './format-date.ts';
import {
  type Entry,
  groupBy,
  groupByDay,
  groupByMonth,
  type ListingContext,
  linkNeighbours,
  listingPage,
  localDay,
  localMonth,
  timelineOf,
  toTeaser,
} from './listing.ts';
import { periodUrl } from './urls.ts';

/**
 * Listings sliced by time, so that no page grows with the archive and an old page's bytes stay
 * put: a period with more reports than `listings.max_reports` prints its newest
 * (`listings.newest`) and links a page per month (of a year), per day (of a month) or per part
 * (of a day: runs of `max_reports` reports, oldest first, so a new report changes only the last).
 * A report added to the archive changes only the pages of its own periods.
 */

/** What a run of period pages is of: the date archive, or a place or topic. */
export interface SliceScope {
  /** What the pages list: a place's or topic's reports; none for the date archive, whose pages' kind is their period (a part's: `day`). */
  kind?: 'place' | 'topic' | 'author';
  /** The page the period URLs go under: `/` for the date archive, else the place's or topic's page. */
  base: string;
  /** The place's or topic's name, printed before the period in titles ("Baghlan: 2021"). */
  name?: string;
  /** Breadcrumbs down to the scope's own page, included (none for the date archive). */
  breadcrumbs: Link[];
  feeds?: FeedUrls;
  /** Every year, month and day with reports has a page (the date archive), not only the periods of one too large to list. */
  everyPeriod: boolean;
  /** Period pages show the timeline of the events of the reports they list. */
  timeline: boolean;
  /** The month calendars a period page shows (the date archive). */
  calendars?: (period: Period, date: ArticleDate) => CalendarMonth[];
}

const SMALLER: Record<Period, Period | undefined> = { year: 'month', month: 'day', day: 'part', part: undefined };

/**
 * The pages of every year of `entries` (newest first) and, below each, of the periods a reader
 * needs to reach every report; with the links to the years, newest first.
 */
export function periodPages(
  scope: SliceScope,
  entries: readonly Entry[],
  ctx: ListingContext,
): { pages: ListingPage[]; years: CountLink[] } {
  const { ui, config } = ctx;
  const { max_reports: max, newest } = config.listings;
  const levels = new Map<string, ListingPage[]>();
  const labels = new Map<ListingPage, string>();

  const slice = (period: Period, list: readonly Entry[], crumbs: Link[], part?: number): CountLink => {
    const date = list[0]!.article.date;
    const url =
      period === 'year'
        ? periodUrl(scope.base, date.year)
        : period === 'month'
          ? periodUrl(scope.base, date.year, date.month)
          : periodUrl(scope.base, date.year, date.month, date.day, part);
    const label = periodLabel(period, date, part, ctx);
    const title = period === 'part' ? ui.dayPart(formatDay(date, ui.dateLocale), part!) : label;
    const split = list.length > max;
    const smaller = SMALLER[period];
    const children =
      smaller && (split || (scope.everyPeriod && smaller !== 'part'))
        ? subPeriods(smaller, list, max).map((sub, i) =>
            slice(smaller, sub, [...crumbs, { name: label, url }], smaller === 'part' ? i + 1 : undefined),
          )
        : [];
    const listed = split ? list.slice(0, newest) : list;
    const page = listingPage(
      ctx,
      {
        kind: scope.kind ?? (period === 'part' ? 'day' : period),
        period,
        url,
        title: scope.name === undefined ? title : ui.periodOf(scope.name, title),
        breadcrumbs: crumbs,
        ...(scope.calendars && { calendars: scope.calendars(period, date) }),
        ...(scope.feeds && { feeds: scope.feeds }),
        ...(scope.timeline && { timeline: timelineOf(listed) }),
        ...(split && {
          newestNote: ui.newestListed(newest, smaller!),
          periods: { heading: ui.periodsHeading[smaller!], items: [...children].reverse() },
        }),
        groups: groupsOf(period, listed, ctx),
      },
      list,
    );
    labels.set(page, label);
    // Neighbours: years across the scope; parts within their day. The date archive has a page for
    // every month and day, so they link across years and months; a place's or topic's months and
    // days exist only in a period too large for one page, so they link within it (linking across
    // would skip the periods in between that list all their reports on one page).
    const within = period === 'part' || (!scope.everyPeriod && period !== 'year');
    const level = within ? `${period} of ${crumbs.at(-1)?.url ?? ''}` : period;
    if (!levels.has(level)) levels.set(level, []);
    levels.get(level)!.push(page);
    return { name: label, url, count: list.length, countText: ui.articleCount(list.length) };
  };

  const years = subPeriods('year', entries, max).map((list) => slice('year', list, scope.breadcrumbs));
  // Pages were made in time order at each level (a parent's children before a later parent's).
  for (const pages of levels.values()) linkNeighbours(pages, (p) => labels.get(p)!);
  return { pages: [...levels.values()].flat(), years: years.reverse() };
}

/** The reports of a place's or topic's own page: all, or when there are more than `newest`, the newest. */
export function frontListing(
  entries: readonly Entry[],
  ctx: ListingContext,
): Pick<ListingPage, 'groups' | 'newestNote'> & { listed: readonly Entry[]; split: boolean } {
  const { newest } = ctx.config.listings;
  const split = entries.length > newest;
  const listed = split ? entries.slice(0, newest) : entries;
  return { listed, split, groups: groupByMonth(listed, ctx.ui), ...(split && { newestNote: ctx.ui.newestListed(newest, 'year') }) };
}

/** The reports of each smaller period, oldest period first, each newest first. */
function subPeriods(period: Period, list: readonly Entry[], max: number): Entry[][] {
  if (period === 'part') {
    // Runs of `max` from the oldest, so that a newer report only changes the last part.
    const oldestFirst = [...list].reverse();
    const parts: Entry[][] = [];
    for (let i = 0; i < oldestFirst.length; i += max) parts.push(oldestFirst.slice(i, i + max).reverse());
    return parts;
  }
  const key = period === 'year' ? (e: Entry) => String(e.article.date.year) : period === 'month' ? localMonth : localDay;
  // By the local key: 00:30 on 1 January in Kiritimati is earlier in UTC than 20:00 on
  // 31 December in Los Angeles, but its day comes later.
  return groupBy(list, key)
    .sort(([a], [b]) => compareText(a, b))
    .map(([, group]) => group);
}

/** How a period is named in links to it: "2021", "August 2021", "22 August 2021", "Part 2". */
function periodLabel(period: Period, date: ArticleDate, part: number | undefined, { ui }: ListingContext): string {
  if (period === 'year') return ui.number(date.year);
  if (period === 'month') return formatMonth(date.year, date.month, ui.dateLocale);
  if (period === 'day') return formatDay(date, ui.dateLocale);
  return ui.part(part!);
}

/** A period page's reports: a year's by month, a month's by day, a day's in one group. */
function groupsOf(period: Period, listed: readonly Entry[], { ui }: ListingContext): TeaserGroup[] {
  if (period === 'year') return groupByMonth(listed, ui);
  if (period === 'month') return groupByDay(listed, ui);
  return [{ heading: ui.reports, articles: listed.map((e) => toTeaser(e.page)) }];
}
