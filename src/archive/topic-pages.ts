import { urlSegment } from '../places/url-segment.ts';
import { compareText } from '../report/message.ts';
import type { FeedSpec, IndexPage, Link, ListingPage } from './archive.ts';
import { listingPage, timelineOf, type Entry, type ListingContext } from './listing.ts';
import { frontListing, periodPages } from './time-slices.ts';
import { absoluteUrl, feedUrls, outputPathOf, topicsIndexUrl, topicUrl } from './urls.ts';

/** The topic page URL of a tag as written (`National Resistance Front` → `/topics/national-resistance-front/`). */
export function topicLink(tag: string): Link {
  let url = topicUrls.get(tag);
  if (url === undefined) topicUrls.set(tag, (url = topicUrl(urlSegment(tag, 'topic'))));
  return { name: tag, url };
}
/** Topic URLs by tag as written: a tag is on many articles, and slugifying is not free. */
const topicUrls = new Map<string, string>();

/** A page and a feed per topic, and the topics index (most reported first). */
export function buildTopicPages(entries: readonly Entry[], linked: readonly Link[], ctx: ListingContext): { pages: ListingPage[]; index: IndexPage; feeds: FeedSpec[] } {
  const { ui } = ctx;
  const topics = new Map<string, { name: string; entries: Entry[] }>();
  for (const link of linked) if (!topics.has(link.url)) topics.set(link.url, { name: link.name, entries: [] });
  for (const entry of entries) for (const t of entry.page.topics) topics.get(t.url)!.entries.push(entry);

  const pages = [...topics].flatMap(([url, t]) => {
    const feeds = feedUrls(url);
    const { listed, split, ...front } = frontListing(t.entries, ctx);
    const sliced = split ? periodPages({ kind: 'topic', base: url, name: t.name, breadcrumbs: [{ name: t.name, url }], feeds, everyPeriod: false, timeline: true }, t.entries, ctx) : undefined;
    const periods = sliced && { heading: ctx.ui.periodsHeading.year, items: sliced.years };
    return [listingPage(ctx, { kind: 'topic', url, title: t.name, feeds, timeline: timelineOf(listed), ...front, ...(periods && { periods }) }, t.entries), ...(sliced?.pages ?? [])];
  });
  const feeds = [...topics].map(([url, t]): FeedSpec => ({ kind: 'topic', title: `${ctx.config.title}: ${t.name}`, pageUrl: url, urls: feedUrls(url), articles: t.entries.map((e) => e.page.url) }));
  const index: IndexPage = {
    url: topicsIndexUrl(),
    outputPath: outputPathOf(topicsIndexUrl()),
    canonical: absoluteUrl(topicsIndexUrl(), ctx.config.url),
    title: ui.topics,
    sections: [
      {
        items: [...topics]
          .map(([url, t]) => ({ name: t.name, url, count: t.entries.length, countText: ui.articleCount(t.entries.length) }))
          .sort((a, b) => b.count - a.count || compareText(a.name, b.name)),
      },
    ],
  };
  return { pages, index, feeds };
}
