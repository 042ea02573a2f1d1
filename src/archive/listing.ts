import type { SiteConfig } from '../config/site-config.ts';
import { compareText } from '../report/message.ts';
import type { ArticlePage, ListingPage, Teaser, TeaserGroup } from './archive.ts';
import type { RenderedArticle } from './build-archive.ts';
import { formatDay, formatMonth } from './format-date.ts';
import type { UiStrings } from './ui-strings.ts';
import { absoluteUrl, outputPathOf } from './urls.ts';

/** A published article with its page, as listings use it. Lists of entries are newest first. */
export interface Entry {
  article: RenderedArticle;
  page: ArticlePage;
}

/** What listing builders share. */
export interface ListingContext {
  /** The site's configuration, with the language's `lang`, `title` and `description`. */
  config: SiteConfig;
  ui: UiStrings;
  /** The base of the language's pages (`/`, `/fa/`; urls.ts). */
  base: string;
}

const teasers = new WeakMap<ArticlePage, Teaser>();

/**
 * An article's teaser, one object however many listings print it: the model stays the size of
 * the articles, and an output's hash takes each teaser's once (outputHashes).
 */
export function toTeaser(p: ArticlePage): Teaser {
  let teaser = teasers.get(p);
  if (!teaser) {
    const byline = p.byline?.map((part) => part.text ?? part.name).join('');
    teaser = {
      url: p.url,
      title: p.title,
      summary: p.summary,
      lang: p.lang,
      dir: p.dir,
      datelinePlace: p.datelinePlace,
      datelineParts: p.datelineParts,
      date: p.date,
      ...(byline && { byline }),
      ...(p.image && { image: p.image }),
    };
    teasers.set(p, teaser);
  }
  return teaser;
}

/** Groups keeping first-seen order (the input is already sorted). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()];
}

/** `2021-08-22`: the article's local day. */
export const localDay = (e: Entry) => e.article.date.iso.slice(0, 10);
/** `2021-08`: the article's local month. */
export const localMonth = (e: Entry) => e.article.date.iso.slice(0, 7);

export function groupByDay(entries: readonly Entry[], ui: UiStrings): TeaserGroup[] {
  return groupBy(entries, localDay).map(([day, group]) => ({
    heading: formatDay(group[0]!.article.date, ui.dateLocale),
    datetime: day,
    articles: group.map((e) => toTeaser(e.page)),
  }));
}

export function groupByMonth(entries: readonly Entry[], ui: UiStrings): TeaserGroup[] {
  return groupBy(entries, localMonth).map(([month, group]) => ({
    heading: formatMonth(group[0]!.article.date.year, group[0]!.article.date.month, ui.dateLocale),
    datetime: month,
    articles: group.map((e) => toTeaser(e.page)),
  }));
}

/** Articles with an event date, earliest event first (then by URL); undefined when there are none. */
export function timelineOf(entries: readonly Entry[]): ListingPage['timeline'] {
  // An event once: a translation is left out where the report it translates is listed.
  const listed = new Set(entries.map((e) => e.page.url));
  const dated = entries.filter((e) => e.page.event && !e.page.translations?.some((t) => t.original && listed.has(t.url)));
  if (dated.length === 0) return undefined;
  return dated
    .sort(
      (a, b) =>
        a.article.eventDate!.min - b.article.eventDate!.min ||
        a.article.eventDate!.max - b.article.eventDate!.max ||
        compareText(a.page.url, b.page.url),
    )
    .map((e) => ({ event: e.page.event!, article: toTeaser(e.page) }));
}

/** A listing page of `entries`, grouped by month unless `groups` is given. */
export function listingPage(
  ctx: ListingContext,
  fields: Pick<ListingPage, 'kind' | 'url' | 'title'> & Partial<ListingPage>,
  entries: readonly Entry[],
): ListingPage {
  return {
    outputPath: outputPathOf(fields.url),
    canonical: absoluteUrl(fields.url, ctx.config.url),
    siteLang: ctx.config.lang,
    otherNames: [],
    breadcrumbs: [],
    count: ctx.ui.articleCount(entries.length),
    ...fields,
    groups: fields.groups ?? groupByMonth(entries, ctx.ui),
  };
}

/** Links each page to the one before and after it in `pages` (chronological order). */
export function linkNeighbours(pages: ListingPage[], label: (p: ListingPage) => string): void {
  pages.forEach((page, i) => {
    const older = pages[i - 1];
    const newer = pages[i + 1];
    if (older) page.prev = { name: label(older), url: older.url };
    if (newer) page.next = { name: label(newer), url: newer.url };
  });
}
