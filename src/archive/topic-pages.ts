import { urlSegment } from '../places/url-segment.ts';
import { compareText, type Message } from '../report/message.ts';
import { closestSlug, inLanguage, type TopicEntry, topicEntryOf, writtenName } from '../topics/topics.ts';
import type { FeedSpec, IndexPage, Link, ListingPage } from './archive.ts';
import { type Entry, type ListingContext, listingPage, timelineOf } from './listing.ts';
import { frontListing, periodPages } from './time-slices.ts';
import { absoluteUrl, feedUrls, outputPathOf, topicsIndexUrl, topicUrl } from './urls.ts';

/** What a topic's page shows beside its name. */
export interface TopicView {
  /** Its names in the other languages of its entry. */
  otherNames: Link[];
  description?: { text: string; lang: string };
}

/**
 * Names the topics of every tag of `tags` (each article's, drafts included): a tag with an entry
 * in the topics file is that topic (its URL the entry's slug, its name the one in `lang`); any
 * other is the topic of its slug, shown as written (writtenName). One view per topic, so every
 * page names a topic alike. An entry no tag names is a warning, with the closest tag.
 */
export function nameTopics(
  tags: readonly (readonly string[])[],
  topics: readonly TopicEntry[],
  lang: string,
): { topicOf: (tag: string) => Link; views: Map<string, TopicView>; messages: Message[] } {
  const spellings = new Map<string, Map<string, number>>();
  const entryOf = new Map<string, TopicEntry | undefined>();
  const slugOf = new Map<string, string>();
  for (const list of tags) {
    for (const tag of list) {
      if (!entryOf.has(tag)) entryOf.set(tag, topicEntryOf(topics, tag));
      const entry = entryOf.get(tag);
      if (!slugOf.has(tag)) slugOf.set(tag, entry?.id ?? urlSegment(tag, 'topic'));
      const slug = slugOf.get(tag)!;
      const counts = spellings.get(slug) ?? spellings.set(slug, new Map()).get(slug)!;
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  }
  const links = new Map<string, Link>();
  const views = new Map<string, TopicView>();
  for (const [slug, counts] of spellings) {
    const entry = topics.find((t) => t.id === slug);
    if (!entry) {
      links.set(slug, { name: writtenName(counts), url: topicUrl(slug) });
      continue;
    }
    const name = inLanguage(entry.names, lang);
    const otherNames = Object.entries(entry.names)
      .filter(([l, n]) => n !== name.text && l !== name.lang)
      .map(([l, n]) => ({ name: n, url: topicUrl(slug), lang: l }));
    const description = entry.description && inLanguage(entry.description, lang);
    links.set(slug, { name: name.text, url: topicUrl(slug), ...(name.lang !== lang && { lang: name.lang }) });
    views.set(topicUrl(slug), { otherNames, ...(description && { description }) });
  }
  const messages = topics.flatMap((t): Message[] => {
    if (spellings.has(t.id)) return [];
    const guess = closestSlug(
      t.id,
      [...spellings.keys()].filter((slug) => !topics.some((e) => e.id === slug)),
    );
    const fix = guess
      ? `Did you mean \`${guess}\` (the tag of ${[...spellings.get(guess)!.keys()].map((s) => `\`${s}\``).join(', ')})? Or remove the entry.`
      : 'Tag an article with it, or remove the entry.';
    return [{ ...t.at, severity: 'warning', ruleId: 'unused-topic', reason: `Topic \`${t.id}\` is the tag of no article.`, fix }];
  });
  return { topicOf: (tag) => links.get(slugOf.get(tag)!)!, views, messages };
}

/** A page and a feed per topic, and the topics index (most reported first). */
export function buildTopicPages(
  entries: readonly Entry[],
  linked: readonly Link[],
  views: ReadonlyMap<string, TopicView>,
  ctx: ListingContext,
): { pages: ListingPage[]; index: IndexPage; feeds: FeedSpec[] } {
  const { ui } = ctx;
  const topics = new Map<string, { name: string; lang?: string; entries: Entry[] }>();
  for (const link of linked)
    if (!topics.has(link.url)) topics.set(link.url, { name: link.name, ...(link.lang && { lang: link.lang }), entries: [] });
  for (const entry of entries) for (const t of entry.page.topics) topics.get(t.url)!.entries.push(entry);

  const pages = [...topics].flatMap(([url, t]) => {
    const feeds = feedUrls(url);
    const { listed, split, ...front } = frontListing(t.entries, ctx);
    const sliced = split
      ? periodPages(
          { kind: 'topic', base: url, name: t.name, breadcrumbs: [{ name: t.name, url }], feeds, everyPeriod: false, timeline: true },
          t.entries,
          ctx,
        )
      : undefined;
    const periods = sliced && { heading: ctx.ui.periodsHeading.year, items: sliced.years };
    const view = views.get(url);
    const shown = {
      ...(t.lang && { titleLang: t.lang }),
      ...(view && { otherNames: view.otherNames }),
      ...(view?.description && { description: view.description }),
    };
    const fields = {
      kind: 'topic' as const,
      url,
      title: t.name,
      ...shown,
      feeds,
      timeline: timelineOf(listed),
      ...front,
      ...(periods && { periods }),
    };
    return [listingPage(ctx, fields, t.entries), ...(sliced?.pages ?? [])];
  });
  const feeds = [...topics].map(
    ([url, t]): FeedSpec => ({
      kind: 'topic',
      title: `${ctx.config.title}: ${t.name}`,
      pageUrl: url,
      urls: feedUrls(url),
      articles: t.entries.map((e) => e.page.url),
    }),
  );
  // Names in the reader's alphabetical order (`earthquake` beside `Haiti`), not code points'.
  const byName = new Intl.Collator(ctx.config.lang);
  const index: IndexPage = {
    url: topicsIndexUrl(),
    outputPath: outputPathOf(topicsIndexUrl()),
    canonical: absoluteUrl(topicsIndexUrl(), ctx.config.url),
    title: ui.topics,
    sections: [
      {
        items: [...topics]
          .map(([url, t]) => ({
            name: t.name,
            url,
            ...(t.lang && { lang: t.lang }),
            count: t.entries.length,
            countText: ui.articleCount(t.entries.length),
          }))
          .sort((a, b) => b.count - a.count || byName.compare(a.name, b.name) || compareText(a.name, b.name)),
      },
    ],
  };
  return { pages, index, feeds };
}
