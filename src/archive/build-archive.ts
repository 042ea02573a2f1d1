import slugify from '@sindresorhus/slugify';
import type { SiteConfig } from '../config/site-config.ts';
import type { CheckedArticle } from '../content/validate-article.ts';
import type { ArticleDate } from '../dates/article-date.ts';
import type { Gazetteer } from '../places/gazetteer.ts';
import type { Place } from '../places/place.ts';
import { compareText, type Message } from '../report/message.ts';
import type { Archive, ArticlePage, FeedSpec, GeoPoint, Link, ListingPage, Teaser, TeaserGroup, TimeView } from './archive.ts';
import { formatDay, formatMonth, formatTime } from './format-date.ts';
import { uiStrings, type UiStrings } from './ui-strings.ts';
import { absoluteUrl, articleUrl, feedUrls, homeUrl, outputPathOf, placeUrl, topicUrl, yearUrl } from './urls.ts';

/** A checked article with its rendered body. */
export interface RenderedArticle extends CheckedArticle {
  html: string;
  firstParagraph: string;
}

const LATEST_COUNT = 20;
/** Articles per feed: the newest. */
export const FEED_SIZE = 50;

/**
 * Builds the archive model from rendered articles: URLs, datelines, listings by year, place
 * (rolled up through the gazetteer) and topic. Pure; duplicate URLs come back as messages.
 */
export function buildArchive(input: readonly RenderedArticle[], gazetteer: Gazetteer, config: SiteConfig): { archive: Archive; messages: Message[] } {
  const ui = uiStrings(config.lang);
  const messages: Message[] = [];
  const visible = input.filter((a) => a.status !== 'draft' || config.drafts);
  // Newest first; ties by URL so the order never depends on file-system order.
  const sorted = visible
    .map((a) => ({ a, url: articleUrl(a.date, a.slug) }))
    .sort((x, y) => y.a.date.epochMs - x.a.date.epochMs || compareText(x.url, y.url));

  const byUrl = new Map<string, RenderedArticle>();
  const kept: { a: RenderedArticle; url: string }[] = [];
  for (const entry of sorted) {
    const first = byUrl.get(entry.url);
    if (first) {
      messages.push({
        file: entry.a.file,
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'duplicate-url',
        reason: `This article and ${first.file} both have the URL ${entry.url}.`,
        fix: 'Give one of them another `slug:` (or rename the file).',
      });
      continue;
    }
    byUrl.set(entry.url, entry.a);
    kept.push(entry);
  }

  const unknown = new Map<string, Place>();
  for (const { a } of kept) for (const p of a.unknownPlaces) unknown.set(p.id, p);
  const placeOf = (id: string) => gazetteer.get(id) ?? unknown.get(id);
  const lineage = (p: Place): Place[] => {
    const out = [p];
    for (let parent = p.parent ? placeOf(p.parent) : undefined; parent && out.length < 32; parent = parent.parent ? placeOf(parent.parent) : undefined) out.push(parent);
    return out;
  };
  const containers = (p: Place): Place[] => {
    const seen = new Map<string, Place>();
    const visit = (q: Place) => {
      for (const id of [q.parent, ...q.within]) {
        const c = id ? placeOf(id) : undefined;
        if (c && !seen.has(c.id)) {
          seen.set(c.id, c);
          visit(c);
        }
      }
    };
    visit(p);
    return [...seen.values()];
  };

  const timeView = (d: ArticleDate): TimeView => ({ datetime: d.iso, day: formatDay(d, ui.dateLocale), time: formatTime(d, ui.dateLocale), utc: d.utc, hasTime: d.hasTime });
  const pointOf = (p: Place): GeoPoint | undefined => {
    const located = lineage(p).find((q) => q.lat !== undefined && q.lon !== undefined);
    return located ? { id: p.id, name: p.name, lat: located.lat!, lon: located.lon!, url: placeUrl(p.id) } : undefined;
  };
  const datelinePlace = (places: Place[]) => formatDatelinePlace(places, lineage, ui);
  const topicSlug = (tag: string) => slugify(tag) || 'topic';

  const articles: ArticlePage[] = kept.map(({ a, url }) => {
    const ordered = [...a.places, ...a.places.flatMap(containers)];
    const placeLinks = [...new Map(ordered.map((p) => [p.id, { name: p.name, url: placeUrl(p.id) }])).values()];
    return {
      url,
      outputPath: outputPathOf(url),
      canonical: absoluteUrl(url, config.url),
      file: a.file,
      title: a.title,
      summary: a.summary,
      lang: a.lang,
      dir: a.dir,
      withdrawn: a.status === 'withdrawn',
      datelinePlace: datelinePlace(a.places),
      date: timeView(a.date),
      updated: a.updated ? timeView(a.updated) : undefined,
      places: placeLinks,
      placeIds: a.places.map((p) => p.id),
      points: a.places.flatMap((p) => pointOf(p) ?? []),
      topics: a.tags.map((t) => ({ name: t, url: topicUrl(topicSlug(t)) })),
      html: a.html,
      excerpt: a.summary ?? a.firstParagraph,
      sources: a.sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url, date: s.date ? timeView(s.date) : undefined })),
      corrections: a.corrections.map((c) => ({ date: timeView(c.date), text: c.text })),
    };
  });

  // Listings show what readers should find: published articles only, newest first.
  const listed = kept.filter(({ a }) => a.status === 'published');
  const teaserOf = new Map(articles.map((p) => [p.url, toTeaser(p)]));
  const teasers = (entries: typeof listed) => entries.map((e) => teaserOf.get(e.url)!);

  const byDay = (entries: typeof listed): TeaserGroup[] =>
    groupBy(entries, (e) => e.a.date.iso.slice(0, 10)).map(([day, group]) => ({ heading: formatDay(group[0]!.a.date, ui.dateLocale), datetime: day, articles: teasers(group) }));
  const byMonth = (entries: typeof listed): TeaserGroup[] =>
    groupBy(entries, (e) => e.a.date.iso.slice(0, 7)).map(([month, group]) => ({ heading: formatMonth(group[0]!.a.date.year, group[0]!.a.date.month, ui.dateLocale), datetime: month, articles: teasers(group) }));

  const listings: ListingPage[] = [];
  const listing = (kind: ListingPage['kind'], url: string, title: string, entries: typeof listed, extra: Partial<ListingPage> = {}): ListingPage => ({
    kind,
    url,
    outputPath: outputPathOf(url),
    canonical: absoluteUrl(url, config.url),
    title,
    otherNames: [],
    breadcrumbs: [],
    count: ui.articleCount(entries.length),
    groups: byMonth(entries),
    ...extra,
  });

  const years = groupBy(listed, (e) => String(e.a.date.year));
  for (const [year, entries] of years) listings.push(listing('year', yearUrl(+year), `${ui.articlesOfYear} ${year}`, entries));

  const placeEntries = new Map<string, typeof listed>();
  for (const entry of listed) {
    const ids = new Set(entry.a.places.flatMap((p) => [p.id, ...containers(p).map((c) => c.id)]));
    for (const id of ids) placeEntries.set(id, [...(placeEntries.get(id) ?? []), entry]);
  }
  // Every place an article page links to gets a page, even if its only articles are withdrawn.
  for (const page of articles) for (const link of page.places) if (!placeEntries.has(link.url)) placeEntries.set(link.url.slice('/places/'.length, -1), placeEntries.get(link.url.slice('/places/'.length, -1)) ?? []);
  for (const [id, entries] of placeEntries) {
    const place = placeOf(id)!;
    listings.push(
      listing('place', placeUrl(id), `${ui.articlesIn} ${place.name}`, entries, {
        feeds: feedUrls(placeUrl(id)),
        otherNames: Object.entries(place.names).filter(([lang]) => lang !== 'en').map(([lang, name]) => ({ name, url: '', lang })),
        breadcrumbs: lineage(place).slice(1).reverse().map((p) => ({ name: p.name, url: placeUrl(p.id) })),
      }),
    );
  }

  const topicEntries = new Map<string, { name: string; entries: typeof listed }>();
  for (const page of articles) for (const t of page.topics) if (!topicEntries.has(t.url)) topicEntries.set(t.url, { name: t.name, entries: [] });
  for (const entry of listed) for (const tag of entry.a.tags) topicEntries.get(topicUrl(topicSlug(tag)))!.entries.push(entry);
  for (const [url, { name, entries }] of topicEntries) listings.push(listing('topic', url, `${ui.articlesOnTopic} ${name}`, entries, { feeds: feedUrls(url) }));

  listings.sort((x, y) => compareText(x.url, y.url));
  const newest = (entries: typeof listed) => entries.slice(0, FEED_SIZE).map((e) => e.url);
  const feeds: FeedSpec[] = [
    { kind: 'site', title: config.title, pageUrl: homeUrl(), urls: feedUrls(homeUrl()), articles: newest(listed) } satisfies FeedSpec,
    ...[...placeEntries].map(([id, entries]): FeedSpec => ({ kind: 'place', title: `${config.title}: ${placeOf(id)!.name}`, pageUrl: placeUrl(id), urls: feedUrls(placeUrl(id)), articles: newest(entries) })),
    ...[...topicEntries].map(([url, { name, entries }]): FeedSpec => ({ kind: 'topic', title: `${config.title}: ${name}`, pageUrl: url, urls: feedUrls(url), articles: newest(entries) })),
  ].sort((x, y) => compareText(x.pageUrl, y.pageUrl));
  const archive: Archive = {
    site: { title: config.title, description: config.description, url: config.url, lang: config.lang, publisher: config.publisher ?? config.title, ui: { ...ui }, feeds: feedUrls(homeUrl()) },
    articles,
    home: {
      total: listed.length,
      latest: byDay(listed.slice(0, LATEST_COUNT)),
      years: years.map(([year, entries]) => ({ year: +year, count: ui.articleCount(entries.length), url: yearUrl(+year) })),
    },
    listings,
    feeds,
  };
  return { archive, messages };
}

function toTeaser(p: ArticlePage): Teaser {
  return { url: p.url, title: p.title, summary: p.summary, lang: p.lang, dir: p.dir, datelinePlace: p.datelinePlace, date: p.date };
}

/** Groups keeping first-seen order (the input is already sorted). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()];
}

/**
 * The place part of a dateline: places grouped by their parent, most specific first, with the
 * parent named once: "Banu, Pol-e-Hesar and De Salah, Baghlan"; "Kabul" (not "Kabul, Kabul").
 */
export function formatDatelinePlace(places: readonly Place[], lineage: (p: Place) => Place[], ui: UiStrings): string {
  const groups = groupBy(places, (p) => lineage(p)[1]?.id ?? '');
  const list = new Intl.ListFormat(ui.listJoin, { style: 'long', type: 'conjunction' });
  return groups
    .map(([, group]) => {
      const parent = lineage(group[0]!)[1];
      const names = list.format(group.map((p) => p.name));
      return parent && !group.some((p) => p.name === parent.name) ? `${names}, ${parent.name}` : names;
    })
    .join('; ');
}
