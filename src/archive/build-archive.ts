import { type Catalogues, closestSlug } from '../catalogues/catalogue.ts';
import { type SiteConfig, siteLanguages } from '../config/site-config.ts';
import { textDirection } from '../content/text-direction.ts';
import type { CheckedArticle } from '../content/validate-article.ts';
import type { ArticleDate } from '../dates/article-date.ts';
import { eventDatetime, formatEventDate } from '../dates/event-date.ts';
import type { Gazetteer } from '../places/gazetteer.ts';
import { type Place, placeNameIn } from '../places/place.ts';
import { compareText, type Message } from '../report/message.ts';
import type {
  Archive,
  ArticlePage,
  FeedSpec,
  GeoPoint,
  HomePage,
  IndexPage,
  LanguageLink,
  Link,
  ListingPage,
  LocalText,
  MediaInfo,
  SitePage,
  SiteView,
  TimeView,
  Translation,
} from './archive.ts';
import { buildEntryPages, nameEntries } from './catalogue-pages.ts';
import { buildDatePages } from './date-pages.ts';
import { formatDatelinePlace } from './dateline.ts';
import { calendarOf, formatDay, formatSolarHijri, formatTime } from './format-date.ts';
import { type Entry, groupBy, groupByDay, type ListingContext, toTeaser } from './listing.ts';
import { buildPlacePages } from './place-pages.ts';
import { findRelated } from './related.ts';
import { COLLAPSIBLE_FACETS, planSearchBundles } from './search-bundles.ts';
import { type UiStrings, uiStrings } from './ui-strings.ts';
import {
  absoluteUrl,
  archiveIndexUrl,
  articleUrl,
  feedUrls,
  mediaSrcset,
  mediaUrl,
  outputPathOf,
  placesIndexUrl,
  placeUrl,
  searchUrl,
  topicsIndexUrl,
} from './urls.ts';

/** A checked article with what the model keeps of its rendered body. */
export interface RenderedArticle extends Omit<CheckedArticle, 'body'> {
  /** Plain text of the body's first paragraph (the excerpt when there is no summary). */
  firstParagraph: string;
  /** Names the body's rendering (Bodies): the hash of its Markdown and of the renderer. */
  bodyKey: string;
  /** The hash of the body's plain text. */
  textKey: string;
}

const LATEST_COUNT = 20;
/** Articles in the site feed and in each place and topic feed: the newest, in full. */
export const SITE_FEED_SIZE = 50;
export const FEED_SIZE = 20;

/**
 * Builds the archive model from rendered articles: every URL, dateline and listing (by date,
 * by place rolled up through the gazetteer, by topic), indexes and feeds. Pure; duplicate URLs
 * come back as messages.
 */
export function buildArchive(
  input: readonly RenderedArticle[],
  gazetteer: Gazetteer,
  config: SiteConfig,
  catalogues: Catalogues,
  /** What the build read of the images articles use, by file (readMediaInfo). */
  media: Readonly<Record<string, MediaInfo>> = {},
): { archive: Archive; messages: Message[] } {
  const first = buildArticles(input, gazetteer, config, catalogues, media);
  const rest = first.rest();
  return { archive: rest.archive, messages: [...first.messages, ...rest.messages] };
}

/** The articles' part of the model (buildArticles): what a search index is made of. */
export type ArticlesPart = Pick<Archive, 'sites' | 'articles' | 'searchBundles'>;

/** The model in two steps (buildArticles): the articles' part and its messages, then the rest. */
export interface ArchiveSteps {
  part: ArticlesPart;
  messages: Message[];
  rest(): { archive: Archive; messages: Message[] };
}

/**
 * buildArchive in two steps: the article pages, the sites and the search index's bundles, with
 * their messages; then, by `rest()`, the whole model and the rest of the messages (the
 * listings, indexes, homes and feeds, the languages linked, clashing URLs). A build starts its
 * search index between the two (run-build.ts). The part's objects are the model's: `rest()`
 * adds to them (each page's other languages), nothing the search reads.
 */
export function buildArticles(
  input: readonly RenderedArticle[],
  gazetteer: Gazetteer,
  config: SiteConfig,
  catalogues: Catalogues,
  media: Readonly<Record<string, MediaInfo>> = {},
): ArchiveSteps {
  const { kept, messages } = assignUrls(input.filter((a) => a.status !== 'draft' || config.drafts));
  const published = kept.filter(({ article }) => article.status === 'published');
  const search = {
    enabled: config.search.enabled,
    collapsedFacets: published.length > config.search.facets_collapsed_above ? [...COLLAPSIBLE_FACETS] : [],
  };
  // Each language's interface, URLs and names of topics and authors (from every article's tags
  // and bylines, drafts too: an entry a draft uses is not unused).
  const languages = siteLanguages(config).map((language): Language => {
    const ui = uiStrings(catalogues.strings?.[language.lang]);
    const ctx: ListingContext = {
      config: { ...config, lang: language.lang, title: language.title, description: language.description },
      ui,
      base: language.base,
    };
    const name = (kind: 'topic' | 'author') =>
      nameEntries(
        kind,
        input.map((a) => (kind === 'topic' ? a.tags : a.authors)),
        kind === 'topic' ? catalogues.topics : catalogues.authors,
        language.lang,
        language.base,
      );
    // Named in itself as its table's locale names it (`fa-AF`: "دری"), else as its tag does.
    const named = languageName(catalogues.strings?.[language.lang] ? ui.dateLocale : language.lang);
    return { ctx, site: siteView(ctx, search, named), topics: name('topic'), authors: name('author') };
  });
  // Whether an entry is used does not depend on the language: its messages once.
  messages.push(...languages[0]!.topics.messages, ...languages[0]!.authors.messages);
  const languageOf = languageMatcher(languages);
  const entries: Entry[] = kept.map(({ article, url }) => ({
    article,
    page: toArticlePage(article, url, gazetteer, languageOf(article.lang), languages[0]!, media),
  }));
  // Translations first: related coverage leaves out an article's own translations.
  messages.push(...linkTranslations(entries), ...linkRelated(entries, gazetteer));
  const searchBundles = config.search.enabled
    ? planSearchBundles(
        published.map(({ article, url }) => ({ url, utc: article.date.utc })),
        config.search.split_above,
      )
    : [];

  const part: ArticlesPart = { sites: languages.map((l) => l.site), articles: entries.map((e) => e.page), searchBundles };
  const rest = () => {
    const parts = languages.map((language) => {
      const own = entries.filter((e) => e.page.siteLang === language.site.lang);
      return languagePages(language, own, gazetteer);
    });
    const listings = parts.flatMap((p) => p.listings).sort((x, y) => compareText(x.url, y.url));
    const archive: Archive = {
      sites: part.sites,
      articles: part.articles,
      homes: parts.map((p) => p.home),
      listings,
      indexes: parts.flatMap((p) => p.indexes),
      searches: config.search.enabled ? languages.map((l) => searchPage(l.ctx)) : [],
      feeds: parts.flatMap((p) => p.feeds).sort((x, y) => compareText(x.pageUrl, y.pageUrl)),
      searchBundles,
    };
    if (languages.length > 1) linkLanguages(archive);
    return { archive, messages: urlClashes(entries, listings, config) };
  };
  return { part, messages, rest };
}

/** One of the site's languages as the model builder uses it: its interface and URLs, and its names of topics and authors. */
interface Language {
  ctx: ListingContext;
  site: SiteView;
  topics: ReturnType<typeof nameEntries>;
  authors: ReturnType<typeof nameEntries>;
}

/** The SiteView of a language. */
function siteView({ config, ui, base }: ListingContext, search: SiteView['search'], language: string): SiteView {
  return {
    language,
    title: config.title,
    description: config.description,
    url: config.url,
    lang: config.lang,
    dir: textDirection(config.lang),
    base,
    urls: {
      home: base,
      archive: archiveIndexUrl(base),
      places: placesIndexUrl(base),
      topics: topicsIndexUrl(base),
      search: searchUrl(base),
    },
    publisher: config.publisher ?? config.title,
    ui: printedStrings(ui),
    feeds: feedUrls(base),
    search,
  };
}

/**
 * The language whose site an article is in: the one of its tag (`fa-AF`), else of its language
 * (`fa`), else the default (an article in a language the site does not list).
 */
function languageMatcher(languages: readonly Language[]): (lang: string) => Language {
  const language = (tag: string) => tag.split('-')[0]!.toLowerCase();
  return (lang) =>
    languages.find((l) => l.site.lang.toLowerCase() === lang.toLowerCase()) ??
    languages.find((l) => language(l.site.lang) === language(lang)) ??
    languages[0]!;
}

/**
 * A language's home, listings (by date, by place rolled up through the gazetteer, by topic and
 * author), indexes and feeds, of the articles in its site (`own`): its published ones listed,
 * and pages for every place, topic and author any of them links to.
 */
function languagePages(
  { ctx, topics, authors }: Language,
  own: readonly Entry[],
  gazetteer: Gazetteer,
): { home: HomePage; listings: ListingPage[]; indexes: IndexPage[]; feeds: FeedSpec[] } {
  const { config, ui, base } = ctx;
  const articles = own.map((e) => e.page);
  // Listings show what readers should find: published articles only, newest first.
  const listed = own.filter((e) => e.article.status === 'published');
  const dates = buildDatePages(listed, ctx);
  const placePages = buildPlacePages(listed, new Set(articles.flatMap((a) => a.places.map((p) => p.id))), gazetteer, ctx);
  const topicPages = buildEntryPages('topic', listed, articles, topics.views, ctx);
  const authorPages = buildEntryPages('author', listed, articles, authors.views, ctx);

  // Place and topic feeds are many (one per place and topic), so they hold fewer items.
  const newest = (f: FeedSpec) => f.articles.slice(0, f.kind === 'site' ? SITE_FEED_SIZE : FEED_SIZE);
  const siteFeed: FeedSpec = {
    kind: 'site',
    siteLang: config.lang,
    title: config.title,
    pageUrl: base,
    urls: feedUrls(base),
    articles: listed.map((e) => e.page.url),
  };
  const feeds = [siteFeed, ...placePages.feeds, ...topicPages.feeds, ...authorPages.feeds].map((f) => ({ ...f, articles: newest(f) }));
  const years = dates.pages.filter((p) => p.kind === 'year').reverse();
  const home: HomePage = {
    url: base,
    outputPath: outputPathOf(base),
    canonical: absoluteUrl(base, config.url),
    siteLang: config.lang,
    total: listed.length,
    latest: groupByDay(listed.slice(0, LATEST_COUNT), ui),
    years: years.map((p) => ({ year: p.title, count: p.count, url: p.url })),
  };
  return {
    home,
    listings: [...dates.pages, ...placePages.pages, ...topicPages.pages, ...authorPages.pages],
    // The authors index only when reports have bylines.
    indexes: [dates.index, placePages.index, topicPages.index, ...(authorPages.pages.length > 0 ? [authorPages.index] : [])],
    feeds,
  };
}

/** A language's search page. */
function searchPage({ config, base }: ListingContext): SitePage {
  const url = searchUrl(base);
  return { url, outputPath: outputPathOf(url), canonical: absoluteUrl(url, config.url), siteLang: config.lang };
}

/**
 * Gives each page of a site of several languages its links to the others (SitePage.languages):
 * an article to its translation in each, a home, listing, index or search page to the page at
 * the same path under each language's base; where there is none, to that language's home.
 */
function linkLanguages(archive: Archive): void {
  const pages: SitePage[] = [...archive.homes, ...archive.listings, ...archive.indexes, ...archive.searches];
  const urls = new Set(pages.map((p) => p.url));
  const siteOf = new Map(archive.sites.map((s) => [s.lang, s]));
  const link = (site: SiteView, url: string | undefined): LanguageLink => ({
    lang: site.lang,
    dir: site.dir,
    name: site.language,
    url: url ?? site.base,
    canonical: absoluteUrl(url ?? site.base, site.url),
    same: url !== undefined,
  });
  for (const site of archive.sites) site.languages = archive.sites.filter((s) => s !== site).map((s) => link(s, s.base));
  for (const page of pages) {
    const path = page.url.slice(siteOf.get(page.siteLang)!.base.length);
    page.languages = archive.sites
      .filter((s) => s.lang !== page.siteLang)
      .map((s) => link(s, urls.has(s.base + path) ? s.base + path : undefined));
  }
  // An article's version in a language is its translation in that language's site.
  const siteLangOf = new Map(archive.articles.map((a) => [a.url, a.siteLang]));
  for (const page of archive.articles) {
    page.languages = archive.sites
      .filter((s) => s.lang !== page.siteLang)
      .map((s) => link(s, page.translations?.find((t) => siteLangOf.get(t.url) === s.lang)?.url));
  }
}

/**
 * The interface strings the templates print: the model is data (a worker or a snapshot takes it
 * whole), so the phrases made by functions (counts, titles of parts) are applied here, never there.
 */
function printedStrings(ui: UiStrings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ui).filter(([, value]) => typeof value !== 'function'));
}

/** Gives each article its URL, newest first (ties by URL); a second article at a URL is an error naming both files. */
function assignUrls(input: readonly RenderedArticle[]): { kept: { article: RenderedArticle; url: string }[]; messages: Message[] } {
  const messages: Message[] = [];
  const sorted = input
    .map((article) => ({ article, url: articleUrl(article.date, article.slug) }))
    .sort((x, y) => y.article.date.epochMs - x.article.date.epochMs || compareText(x.url, y.url));
  const byUrl = new Map<string, RenderedArticle>();
  const kept = sorted.filter(({ article, url }) => {
    const first = byUrl.get(url);
    if (!first) {
      byUrl.set(url, article);
      return true;
    }
    messages.push({
      file: article.file,
      line: 1,
      column: 1,
      severity: 'error',
      ruleId: 'duplicate-url',
      reason: `This article and ${first.file} both have the URL ${url}.`,
      fix: 'Give one of them another `slug:` (or rename the file).',
    });
    return false;
  });
  return { kept, messages };
}

/**
 * Pages that would share an address, each an error: an article at a listing's (a slug `2` on a
 * day split in parts: `/2021/08/22/2/`), on the article; two listings (a place named `2021` under
 * Sud: `/places/ht/sud/2021/`, also Sud's page of 2021), on each article naming such a place, or
 * on the places files when the gazetteer made it.
 */
function urlClashes(entries: readonly Entry[], listings: readonly ListingPage[], config: SiteConfig): Message[] {
  const messages: Message[] = [];
  const error = (file: string, reason: string, fix: string) =>
    messages.push({ file, line: 1, column: 1, severity: 'error', ruleId: 'duplicate-url', reason, fix });
  const byUrl = new Map<string, ListingPage>();
  for (const listing of listings) {
    const first = byUrl.get(listing.url);
    if (!first) {
      byUrl.set(listing.url, listing);
      continue;
    }
    const reason = `The pages "${first.title}" and "${listing.title}" would both be at ${listing.url}.`;
    const fix = 'Give the place another name or id (in the places YAML), so that no segment of its id is a year or a number.';
    const naming = entries.filter((e) => e.page.places.some((p) => p.url === listing.url));
    for (const file of naming.length ? naming.map((e) => e.article.file) : [`${config.content}/places`]) error(file, reason, fix);
  }
  for (const { article, page } of entries) {
    const listing = byUrl.get(page.url);
    if (listing)
      error(
        article.file,
        `This article's URL ${page.url} is also the address of the listing page "${listing.title}".`,
        'Give the article another `slug:` (or rename the file).',
      );
  }
  return messages;
}

function toArticlePage(
  a: RenderedArticle,
  url: string,
  places: Gazetteer,
  { ctx, topics, authors }: Language,
  /** The site's default language, which names the search page's choices. */
  first: Language,
  media: Readonly<Record<string, MediaInfo>>,
): ArticlePage {
  const { config, ui, base } = ctx;
  const [topicOf, authorOf] = [topics.linkOf, authors.linkOf];
  const info = a.image && media[a.image.file];
  const timeView = (d: ArticleDate): TimeView => ({
    datetime: d.iso,
    day: formatDay(d, ui.dateLocale),
    time: formatTime(d, ui.dateLocale),
    utc: d.utc,
    hasTime: d.hasTime,
  });
  // Beside a Gregorian interface's date; an interface in the Solar Hijri calendar has it first already.
  const hijri = calendarOf(ui.dateLocale) === 'gregory' ? formatSolarHijri(a.date, a.lang) : undefined;
  const pointOf = (p: Place): GeoPoint | undefined => {
    const located = places.lineage(p).find((q) => q.lat !== undefined && q.lon !== undefined);
    return located
      ? { id: p.id, name: placeNameIn(p, config.lang).name, lat: located.lat!, lon: located.lon!, url: placeUrl(base, p.id) }
      : undefined;
  };
  const ordered = [...a.places, ...a.places.flatMap((p) => places.containers(p))];
  const points = a.places.flatMap((p) => pointOf(p) ?? []);
  return {
    url,
    outputPath: outputPathOf(url),
    canonical: absoluteUrl(url, config.url),
    siteLang: config.lang,
    file: a.file,
    title: a.title,
    summary: a.summary,
    lang: a.lang,
    dir: a.dir,
    withdrawn: a.status === 'withdrawn',
    status: a.status,
    ...datelineOf(formatDatelinePlace(a.places, (p) => places.lineage(p), ui, config.lang)),
    date: { ...timeView(a.date), ...(hijri ? { solarHijri: hijri } : {}) },
    updated: a.updated ? timeView(a.updated) : undefined,
    places: [...new Map(ordered.map((p) => [p.id, { id: p.id, ...placeNameIn(p, config.lang), url: placeUrl(base, p.id) }])).values()],
    placeIds: a.places.map((p) => p.id),
    placeSpellings: [...new Set(ordered.flatMap((p) => [...Object.values(p.names), ...p.aliases]))],
    points,
    map: points.length
      ? {
          points,
          countryIso: places.countryOf(a.places[0]!).codes['iso3166-1'],
          title: placeNameIn(places.countryOf(a.places[0]!), config.lang).name,
        }
      : undefined,
    // Tags that name one topic (`Taliban`, `taliban`) count once.
    topics: [...new Map(a.tags.map(topicOf).map((t) => [t.url, t])).values()],
    facets: {
      // Kabul the city and Kabul the province are one choice, counted once.
      places: [...new Set(ordered.map((p) => placeNameIn(p, first.ctx.config.lang).name))],
      topics: [...new Set(a.tags.map((tag) => first.topics.linkOf(tag).name))],
    },
    ...bylineOf([...new Map(a.authors.map(authorOf).map((t) => [t.url, t])).values()], ui),
    bodyKey: a.bodyKey,
    textKey: a.textKey,
    excerpt: a.summary ?? a.firstParagraph,
    ogLocale: a.lang.replace('-', '_'),
    sources: a.sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url, date: s.date ? timeView(s.date) : undefined })),
    corrections: a.corrections.map((c) => ({ date: timeView(c.date), text: c.text })),
    ...(a.bodyImages && { bodyImages: [...new Set(a.bodyImages.flatMap((i) => (media[i.file] ? [mediaUrl(media[i.file]!)] : [])))] }),
    ...(a.image &&
      info && {
        image: {
          url: mediaUrl(info),
          canonical: absoluteUrl(mediaUrl(info), config.url),
          ...(mediaSrcset(info) && { srcset: mediaSrcset(info) }),
          width: info.width,
          height: info.height,
          type: info.type,
          ...(a.image.alt && { alt: a.image.alt }),
          ...(a.image.caption && { caption: a.image.caption }),
          ...(a.image.credit && { credit: a.image.credit }),
        },
      }),
    event: a.eventDate
      ? {
          label: formatEventDate(a.eventDate, ui),
          datetime: eventDatetime(a.eventDate),
          precision: a.eventDate.precision,
          edtf: a.eventDate.edtf,
        }
      : undefined,
    related: [],
  };
}

/**
 * Fills each page's related coverage: its explicit `related:` ids first (an id that is no
 * article is an error at its line), then what findRelated scores highest, but for the page's
 * own translations, which it links under its headline.
 */
function linkRelated(entries: readonly Entry[], places: Gazetteer): Message[] {
  const messages: Message[] = [];
  const byId = new Map(entries.map((e) => [e.page.url.slice(1, -1), e]));
  const listed = entries.filter((e) => e.article.status === 'published');
  // Found among the reports of the page's own language: its teasers are in its interface.
  const found = new Map<string, Entry[]>();
  for (const [, group] of groupBy(listed, (e) => e.page.siteLang))
    for (const [url, list] of findRelated(group, places)) found.set(url, list);
  for (const entry of entries) {
    const explicit = entry.article.related.flatMap((r) => {
      const target = byId.get(r.id);
      if (target && target !== entry) return [target];
      messages.push({
        file: entry.article.file,
        line: r.line,
        column: r.column,
        severity: 'error',
        ruleId: 'unknown-related',
        reason: `\`related\`: no article has the id \`${r.id}\`.`,
        fix: `Use an article's URL path, like \`${entry.page.url.slice(1, -1)}\`.`,
      });
      return [];
    });
    const chosen = [...new Set(explicit)];
    const seen = new Set([entry, ...chosen]);
    const translations = new Set(entry.page.translations?.map((t) => t.url));
    const automatic = (found.get(entry.page.url) ?? []).filter((e) => !seen.has(e) && !translations.has(e.page.url));
    entry.page.related = [...chosen, ...automatic].map((e) => toTeaser(e.page));
  }
  return messages;
}

/** A dateline's place as the model holds it: its text, and its parts as pages print them. */
function datelineOf({ text, parts }: { text: string; parts: LocalText[] }): Pick<ArticlePage, 'datelinePlace' | 'datelineParts'> {
  return { datelinePlace: text, datelineParts: parts };
}

/**
 * Links the articles that translate one another (`translation_of`): an original and every article
 * naming it make a group, and each page lists the others. The original must be an article, in
 * another language, that translates nothing itself; a group has one article a language. A broken
 * link is an error at its line, and the article is built without it.
 */
function linkTranslations(entries: readonly Entry[]): Message[] {
  const messages: Message[] = [];
  const byId = new Map(entries.map((e) => [e.page.url.slice(1, -1), e]));
  const groups = new Map<Entry, Entry[]>();
  const language = (e: Entry) => e.page.lang.split('-')[0]!;
  for (const entry of entries) {
    const ref = entry.article.translationOf;
    if (!ref) continue;
    const report = (ruleId: string, reason: string, fix: string) =>
      messages.push({ file: entry.article.file, line: ref.line, column: ref.column, severity: 'error', ruleId, reason, fix });
    const original = byId.get(ref.id);
    if (!original || original === entry) {
      const near = closestSlug(
        ref.id,
        [...byId.keys()].filter((id) => id !== entry.page.url.slice(1, -1)),
      );
      report(
        'unknown-translation',
        `\`translation_of\`: no article has the id \`${ref.id}\`.`,
        near ? `Did you mean \`${near}\`?` : 'Name the original by its URL path, like `2021/08/22/andarab-resistance`.',
      );
    } else if (original.article.translationOf)
      report(
        'invalid-translation',
        `\`translation_of\`: \`${ref.id}\` is itself a translation, of \`${original.article.translationOf.id}\`.`,
        `Name the original: \`${original.article.translationOf.id}\`.`,
      );
    else if (language(original) === language(entry))
      report(
        'invalid-translation',
        `\`translation_of\`: \`${ref.id}\` is in the same language as this article (\`${entry.page.lang}\`).`,
        'Set `lang:` to the language this translation is written in.',
      );
    else {
      const group = groups.get(original) ?? [original];
      const taken = group.find((e) => language(e) === language(entry));
      if (taken)
        report(
          'invalid-translation',
          `\`translation_of\`: \`${ref.id}\` has a translation in \`${language(entry)}\` already: ${taken.article.file}.`,
          'Keep one translation a language, or name another original.',
        );
      else groups.set(original, [...group, entry]);
    }
  }
  for (const group of groups.values()) {
    const versions = group.map((e, i) => translationOf(e.page, i === 0)).sort((a, b) => compareText(a.lang, b.lang));
    for (const e of group) e.page.translations = versions.filter((v) => v.url !== e.page.url);
  }
  return messages;
}

/** An article as one of the versions its translations link. */
function translationOf(page: ArticlePage, original: boolean): Translation {
  const { url, canonical, lang, dir, title } = page;
  return { url, canonical, lang, dir, language: languageName(lang), title, original };
}

/**
 * A language's name in itself: the tag's own ("دری" for `fa-AF`, "British English"), or the
 * language's where ICU names the tag by its region ("پښتو", not "پښتو (افغانستان)").
 */
function languageName(tag: string): string {
  const name = (t: string) => new Intl.DisplayNames([t], { type: 'language' }).of(t) ?? t;
  const own = name(tag);
  return own.includes('(') ? name(tag.split('-')[0]!) : own;
}

/**
 * An article's authors and its byline in the interface's language: "By Jane Doe and Ahmad
 * Shah", the names joined by Intl.ListFormat, as parts the template prints (each name a link).
 */
function bylineOf(authors: Link[], ui: UiStrings): Pick<ArticlePage, 'authors' | 'byline'> {
  if (authors.length === 0) return { authors };
  const [before = '', after = ''] = ui.byline.split('{names}');
  const list = new Intl.ListFormat(ui.dateLocale, { type: 'conjunction' }).formatToParts(authors.map((a) => a.name));
  let next = 0;
  const parts = list.map((p) => (p.type === 'element' ? { ...authors[next++]! } : { text: p.value }));
  return { authors, byline: [...(before ? [{ text: before }] : []), ...parts, ...(after ? [{ text: after }] : [])] };
}
