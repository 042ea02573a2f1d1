import { type CatalogueEntry, type CatalogueKind, closestSlug, entryNamed, inLanguage, writtenName } from '../catalogues/catalogue.ts';
import { urlSegment } from '../places/url-segment.ts';
import { compareText, type Message } from '../report/message.ts';
import type { ArticlePage, FeedSpec, IndexPage, Link, ListingPage } from './archive.ts';
import { type Entry, type ListingContext, listingPage, timelineOf } from './listing.ts';
import { frontListing, periodPages } from './time-slices.ts';
import { absoluteUrl, authorsIndexUrl, authorUrl, feedUrls, outputPathOf, topicsIndexUrl, topicUrl } from './urls.ts';

/** What a topic's or author's page shows beside the name. */
export interface EntryView {
  /** The names in the other languages of its entry. */
  otherNames: Link[];
  /** A topic's description, an author's bio. */
  description?: { text: string; lang: string };
  /** An author's own page elsewhere. */
  homepage?: string;
}

/** How each catalogue names, links and lists: topics by their tags, authors by their bylines. */
const KINDS = {
  topic: {
    url: topicUrl,
    indexUrl: topicsIndexUrl,
    of: (page: ArticlePage) => page.topics,
    unused: (id: string) => `Topic \`${id}\` is the tag of no article.`,
    use: 'Tag an article with it, or remove the entry.',
    usedBy: 'the tag of',
  },
  author: {
    url: authorUrl,
    indexUrl: authorsIndexUrl,
    of: (page: ArticlePage) => page.authors,
    unused: (id: string) => `Author \`${id}\` wrote no article.`,
    use: 'Name them in an article’s `authors`, or remove the entry.',
    usedBy: 'the byline',
  },
} as const;

/**
 * Names what `lists` name (each article's tags or bylines, drafts included): a name with an entry
 * in the catalogue is that entry (its URL the entry's slug, its name the one in `lang`); any
 * other is named by its slug, shown as written (writtenName). One link per topic or author, so
 * every page names it alike. An entry nothing names is a warning, with the closest name.
 */
export function nameEntries(
  kind: CatalogueKind,
  lists: readonly (readonly string[])[],
  catalogue: readonly CatalogueEntry[],
  lang: string,
  /** The base of the language's pages (urls.ts). */
  base: string,
): { linkOf: (name: string) => Link; views: Map<string, EntryView>; messages: Message[] } {
  const url = (slug: string) => KINDS[kind].url(base, slug);
  const spellings = new Map<string, Map<string, number>>();
  const slugOf = new Map<string, string>();
  for (const list of lists) {
    for (const name of list) {
      if (!slugOf.has(name)) slugOf.set(name, entryNamed(catalogue, name)?.id ?? urlSegment(name, kind));
      const slug = slugOf.get(name)!;
      const counts = spellings.get(slug) ?? spellings.set(slug, new Map()).get(slug)!;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const byId = new Map(catalogue.map((e) => [e.id, e]));
  const links = new Map<string, Link>();
  const views = new Map<string, EntryView>();
  for (const [slug, counts] of spellings) {
    const entry = byId.get(slug);
    if (!entry) {
      links.set(slug, { name: writtenName(counts), url: url(slug) });
      continue;
    }
    const name = inLanguage(entry.names, lang);
    const otherNames = Object.entries(entry.names)
      .filter(([l, n]) => n !== name.text && l !== name.lang)
      .map(([l, n]) => ({ name: n, url: url(slug), lang: l }));
    const description = entry.description && inLanguage(entry.description, lang);
    links.set(slug, { name: name.text, url: url(slug), ...(name.lang !== lang && { lang: name.lang }) });
    views.set(url(slug), { otherNames, ...(description && { description }), ...(entry.url && { homepage: entry.url }) });
  }
  // The names with no entry, one of which an unused entry may have meant.
  const unnamed = [...spellings.keys()].filter((slug) => !byId.has(slug));
  const messages = catalogue.flatMap((t): Message[] => {
    if (spellings.has(t.id)) return [];
    const guess = closestSlug(t.id, unnamed);
    const written = guess && [...spellings.get(guess)!.keys()].map((s) => `\`${s}\``).join(', ');
    const fix = guess ? `Did you mean \`${guess}\` (${KINDS[kind].usedBy} ${written})? Or remove the entry.` : KINDS[kind].use;
    return [{ ...t.at, severity: 'warning', ruleId: `unused-${kind}`, reason: KINDS[kind].unused(t.id), fix }];
  });
  return { linkOf: (name) => links.get(slugOf.get(name)!)!, views, messages };
}

/**
 * A page and a feed per topic or author that any page of `articles` links to (a withdrawn
 * report's too, so no link is broken), listing the `listed` reports; and their index (most
 * reported first).
 */
export function buildEntryPages(
  kind: CatalogueKind,
  listed: readonly Entry[],
  articles: readonly ArticlePage[],
  views: ReadonlyMap<string, EntryView>,
  ctx: ListingContext,
): { pages: ListingPage[]; index: IndexPage; feeds: FeedSpec[] } {
  const { ui } = ctx;
  const { of, indexUrl } = KINDS[kind];
  const named = new Map<string, { name: string; lang?: string; entries: Entry[] }>();
  for (const page of articles) {
    for (const link of of(page))
      if (!named.has(link.url)) named.set(link.url, { name: link.name, ...(link.lang && { lang: link.lang }), entries: [] });
  }
  for (const entry of listed) for (const link of of(entry.page)) named.get(link.url)!.entries.push(entry);

  const pages = [...named].flatMap(([url, t]) => {
    const feeds = feedUrls(url);
    const { listed, split, ...front } = frontListing(t.entries, ctx);
    const scope = { kind, base: url, name: t.name, breadcrumbs: [{ name: t.name, url }], feeds, everyPeriod: false, timeline: true };
    const sliced = split ? periodPages(scope, t.entries, ctx) : undefined;
    const periods = sliced && { heading: ctx.ui.periodsHeading.year, items: sliced.years };
    const view = views.get(url);
    const shown = {
      ...(t.lang && { titleLang: t.lang }),
      ...(view && { otherNames: view.otherNames }),
      ...(view?.description && { description: view.description }),
      ...(view?.homepage && { homepage: view.homepage }),
    };
    const fields = { kind, url, title: t.name, ...shown, feeds, timeline: timelineOf(listed), ...front, ...(periods && { periods }) };
    return [listingPage(ctx, fields, t.entries), ...(sliced?.pages ?? [])];
  });
  const feeds = [...named].map(
    ([url, t]): FeedSpec => ({
      kind,
      siteLang: ctx.config.lang,
      title: `${ctx.config.title}: ${t.name}`,
      pageUrl: url,
      urls: feedUrls(url),
      articles: t.entries.map((e) => e.page.url),
    }),
  );
  // Names in the reader's alphabetical order (`earthquake` beside `Haiti`), not code points'.
  const byName = new Intl.Collator(ctx.config.lang);
  const index: IndexPage = {
    url: indexUrl(ctx.base),
    outputPath: outputPathOf(indexUrl(ctx.base)),
    canonical: absoluteUrl(indexUrl(ctx.base), ctx.config.url),
    siteLang: ctx.config.lang,
    title: kind === 'topic' ? ui.topics : ui.authors,
    sections: [
      {
        items: [...named]
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
