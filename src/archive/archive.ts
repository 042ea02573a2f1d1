import type { SearchBundle } from './search-bundles.ts';

/**
 * The archive model the templates print: every page, URL and formatted value decided here. A site
 * of several languages (SiteConfig.languages) has a home, listings, indexes, feeds and a search
 * page in each, each page naming its language's SiteView (`siteLang`); articles are each in the
 * site of their language.
 */
export interface Archive {
  /** The site in each of its languages, the default first. */
  sites: SiteView[];
  /** Every article page to write (published and withdrawn), newest first. */
  articles: ArticlePage[];
  /** Each language's home page, the default's first. */
  homes: HomePage[];
  /** Year, month, day, place and topic listing pages, in URL order. */
  listings: ListingPage[];
  /** Index pages: the archive by year, all places, all topics. */
  indexes: IndexPage[];
  /** Each language's search page (none when search is off). */
  searches: SitePage[];
  /** Every feed to write (site, each place, each topic), in URL order. */
  feeds: FeedSpec[];
  /** The Pagefind indexes to write, newest articles first (none when search is off). */
  searchBundles: SearchBundle[];
}

/** What every page has: where it is, and which of the site's languages it is printed in. */
export interface SitePage {
  url: string;
  outputPath: string;
  canonical: string;
  /** The language of the site the page is in (its SiteView's `lang`): the interface it is printed in. */
  siteLang: string;
  /** The page in the site's other languages, or their home where there is none; absent on a site of one language. */
  languages?: LanguageLink[];
}

/** A link to a page in another of the site's languages (SitePage.languages). */
export interface LanguageLink {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The language's name in itself: "English", "دری", "پښتو". */
  name: string;
  url: string;
  canonical: string;
  /** Whether `url` is the same page in that language (for `hreflang`), not its home. */
  same: boolean;
}

/** A feed of articles: written as Atom, RSS and JSON Feed beside its page. */
export interface FeedSpec {
  kind: 'site' | 'place' | 'topic' | 'author';
  /** The language of the site the feed is in (SiteView.lang). */
  siteLang: string;
  title: string;
  /** The HTML page the feed belongs to (`/places/af/baghlan/`). */
  pageUrl: string;
  /** Root-relative URLs of the three formats. */
  urls: FeedUrls;
  /** URLs of the feed's articles, newest first (look them up in `Archive.articles`). */
  articles: string[];
}

export interface FeedUrls {
  atom: string;
  rss: string;
  json: string;
}

/** What a map shows: points in a country (ISO 3166-1 alpha-2), named for its text alternative. */
export interface MapSpec {
  points: GeoPoint[];
  countryIso?: string;
  /** What the map is of ("Afghanistan", "Baghlan"). */
  title: string;
}

/** A place of an article with coordinates (the place's own, or its nearest ancestor's). */
export interface GeoPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  url: string;
}

/** A piece of a line in the page's language, or in another (`lang`): a place with no name in the page's. */
export interface LocalText {
  text: string;
  lang?: string;
}

/** One language's version of an article (ArticlePage.translations). */
export interface Translation {
  url: string;
  canonical: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The language's name in itself (Intl.DisplayNames): "English", "دری", "پښتو". */
  language: string;
  title: string;
  /** The version the others translate (the one `translation_of` names). */
  original: boolean;
}

/** The site in one of its languages: what every page of that language prints around its own content. */
export interface SiteView {
  /** The language's name in itself ("English", "دری", "پښتو"), for the language switch. */
  language: string;
  title: string;
  description: string;
  /** The site's absolute base URL (the default language's home). */
  url: string;
  lang: string;
  /** The language's home (`/`, `/fa/`): its listings, indexes and search page are under it. */
  base: string;
  /** The pages the masthead links to, in this language. */
  urls: { home: string; archive: string; places: string; topics: string; search: string };
  /** The homes of the site's other languages (the 404 page links them); absent on a site of one language. */
  languages?: LanguageLink[];
  /** The writing direction of the site's language: the pages' `<html dir>`. */
  dir: 'ltr' | 'rtl';
  /** Who publishes the archive (for feeds and JSON-LD). */
  publisher: string;
  ui: Record<string, unknown>;
  /** Feeds of the whole site. */
  feeds: FeedUrls;
  search: SearchView;
}

/** What the pages need to know of search. */
export interface SearchView {
  /** Whether the site has a search page, a search box in the header and an index. */
  enabled: boolean;
  /**
   * The Pagefind filters whose choices start closed on the search page, loading when opened:
   * `place`, `topic` and `language` above search.facets_collapsed_above published articles.
   */
  collapsedFacets: string[];
}

export interface Link {
  name: string;
  url: string;
  /** Set when the name is in another language than the page (for `lang` on the link). */
  lang?: string;
}

/** A link to a place's page, with the place's gazetteer id. */
export interface PlaceLink extends Link {
  id: string;
}

export interface TimeView {
  /** For `<time datetime>`: the day, or the full date-time with offset. */
  datetime: string;
  /** "22 August 2021". */
  day: string;
  /** "14:30 UTC+4:30", when a time was given. */
  time?: string;
  /** The instant in UTC (`2021-08-21T19:30:00Z`; a day: its start in the article's zone). */
  utc: string;
  /** Whether a time of day was given. */
  hasTime: boolean;
  /** The Solar Hijri date, for articles in Dari or Pashto ("۳۱ اسد ۱۴۰۰"). */
  solarHijri?: { text: string; lang: string };
}

/** When the reported events happened (EDTF), for display. */
export interface EventView {
  /** "20–22 August 2021", "about August 2021". */
  label: string;
  /** For `<time datetime>`: the start, at its precision. */
  datetime: string;
  precision: 'day' | 'month' | 'year';
  edtf: string;
}

export interface ArticlePage extends SitePage {
  file: string;
  title: string;
  summary?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  withdrawn: boolean;
  status: 'draft' | 'published' | 'withdrawn';
  /** "Banu, Pol-e-Hesar and De Salah, Baghlan". */
  datelinePlace: string;
  /** The same as the page prints it: a name the site's language lacks is marked with its own. */
  datelineParts: LocalText[];
  date: TimeView;
  updated?: TimeView;
  /** The article's places, then the places that contain them. */
  places: PlaceLink[];
  /** Gazetteer ids of the places the article names (not their containers). */
  placeIds: string[];
  /** Every spelling of the article's places and the places containing them (all scripts, aliases), for search. */
  placeSpellings: string[];
  /** The article's places that have coordinates (or their nearest ancestor's). */
  points: GeoPoint[];
  /** A small locator map of the article's places, when they have coordinates. */
  map?: MapSpec;
  topics: Link[];
  /**
   * Its places (with those containing them) and topics as the search page's choices name them: in
   * the site's default language, so that a place is one choice whatever its reports' language.
   */
  facets: { places: string[]; topics: string[] };
  /** The lead image (front matter `image`). */
  image?: ImageView;
  /** Who wrote it (links to their pages), and the byline that prints them ("By Jane Doe and Ahmad Shah"). */
  authors: Link[];
  byline?: BylinePart[];
  /**
   * Names the rendered body (its HTML and plain text, kept out of the model; see Bodies): the
   * hash of its Markdown and of the renderer, so outputs are hashed by it, not by the bodies.
   */
  bodyKey: string;
  /** The hash of the body's plain text: what the search index holds of the body (two bodies differing only in markup have one). */
  textKey: string;
  /** Plain text of the summary, or of the body's first paragraph. */
  excerpt: string;
  /** OpenGraph `og:locale` (`en`, `fa`): the language with its region, if any, joined by `_`. */
  ogLocale: string;
  sources: { publisher: string; title?: string; url?: string; date?: TimeView }[];
  corrections: { date: TimeView; text: string }[];
  /** The images of the content folder the body prints, by their address in the site (`/media/<hash>.jpg`): copied into it. */
  bodyImages?: string[];
  event?: EventView;
  /** Related coverage: explicit `related:` first, then same place or topic within ±7 days. */
  related: Teaser[];
  /**
   * The article in its other languages (`translation_of`), by language: named in its own language
   * ("دری", "پښتو"), for the links under the headline, `hreflang` and the sitemap. Absent without.
   */
  translations?: Translation[];
}

/** What a build read of an image file: its content hash (its name in the site), type and size in pixels. */
export interface MediaInfo {
  hash: string;
  width: number;
  height: number;
  /** `image/jpeg`. */
  type: string;
  /** The file's extension, lowercase (`jpg`). */
  ext: string;
}

/** A lead image as pages and feeds print it. */
export interface ImageView {
  /** Root-relative: `/media/<hash>.jpg`. */
  url: string;
  /** Its absolute URL, for OpenGraph, JSON-LD and feeds. */
  canonical: string;
  /** Smaller copies in WebP for a `<source srcset>` (`/media/<hash>-640.webp 640w`), when it is wider than them. */
  srcset?: string;
  width: number;
  height: number;
  type: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

/** A piece of a byline: words around the names, or a name with its page. */
export type BylinePart = { text: string } | (Link & { text?: undefined });

export interface Teaser {
  url: string;
  title: string;
  summary?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  datelinePlace: string;
  datelineParts: LocalText[];
  date: TimeView;
  /** "By Jane Doe and Ahmad Shah", when the report has a byline. */
  byline?: string;
  /** The lead image, for a template that shows one in teasers. */
  image?: ImageView;
}

export interface TeaserGroup {
  /** Omitted when the page's title already says it (a day page). */
  heading?: string;
  /** `<time datetime>` of the heading, when it is a day or month. */
  datetime?: string;
  articles: Teaser[];
}

export interface CountLink extends Link {
  count: number;
  /** "2 reports". */
  countText: string;
}

/** A month as an accessible table: weeks of days, days with articles linking to their page. */
export interface CalendarMonth {
  caption: string;
  /** The month's page. */
  url: string;
  weekdays: { short: string; long: string }[];
  weeks: (CalendarDay | null)[][];
}

export interface CalendarDay {
  day: number;
  /** The day as the grid prints it, in the locale's digits. */
  label: string;
  url?: string;
  /** Reports of the day (not on a day's own page, whose grid only links the days), and as printed. */
  count?: number;
  countLabel?: string;
  /** "2 reports". */
  countText?: string;
  /** The day whose page this is. */
  current?: boolean;
}

/** A page of links with counts: the archive by year, all places, all topics. */
export interface IndexPage extends SitePage {
  title: string;
  intro?: string;
  sections: { heading?: string; headingUrl?: string; items: (CountLink & { depth?: number })[] }[];
}

export interface HomePage extends SitePage {
  total: number;
  latest: TeaserGroup[];
  years: { year: string; count: string; url: string }[];
}

/** The periods a listing is sliced by: a part is a run of a day's reports, oldest first. */
export type Period = 'year' | 'month' | 'day' | 'part';

export interface ListingPage extends SitePage {
  kind: 'year' | 'month' | 'day' | 'place' | 'topic' | 'author';
  /** The period the page lists (date pages, and a place's or topic's period pages); none on a place's or topic's own page. */
  period?: Period;
  title: string;
  /** A line under the title ("Province in Afghanistan"). */
  subtitle?: string;
  /** Other spellings, shown as "Also written". */
  aliases?: string[];
  /** Contained places with articles (place pages), under their heading ("Places within Baghlan"). */
  children?: CountLink[];
  childrenHeading?: string;
  /** Month grids (month and day pages: one; year pages: each month with articles). */
  calendars?: CalendarMonth[];
  /** The adjacent older and newer page of the same kind, skipping empty periods. */
  prev?: Link;
  next?: Link;
  /** The title's language, when it is not the page's (a topic named only in another language). */
  titleLang?: string;
  /** Native-script or other names shown beside the title. */
  otherNames: Link[];
  /** What the page is about, under the title (a topic's description, an author's bio). */
  description?: { text: string; lang: string };
  /** An author's own page elsewhere (authors.yaml's `url`). */
  homepage?: string;
  breadcrumbs: Link[];
  count: string;
  /** When the page prints only its newest reports: says so, and where the others are. */
  newestNote?: string;
  /** The pages of the listing's periods (newest first), with counts, when it prints only its newest reports. */
  periods?: { heading: string; items: CountLink[] };
  groups: TeaserGroup[];
  /** Feeds of this listing (places and topics). */
  feeds?: FeedUrls;
  /** Place pages: the places of its articles on the country's outline. */
  map?: MapSpec;
  /** Articles with an `event_date`, in the order the events happened. */
  timeline?: { event: EventView; article: Teaser }[];
}

/** The site a page or feed is in (its `siteLang`); the default language's for a page of none. */
export function siteOf(archive: Pick<Archive, 'sites'>, page?: { siteLang: string }): SiteView {
  return (page && archive.sites.find((s) => s.lang === page.siteLang)) ?? archive.sites[0]!;
}
