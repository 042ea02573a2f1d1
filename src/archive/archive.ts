/** The archive model the templates print: every page, URL and formatted value decided here. */
export interface Archive {
  site: SiteView;
  /** Every article page to write (published and withdrawn), newest first. */
  articles: ArticlePage[];
  home: HomePage;
  /** Year, place and topic listing pages, in URL order. */
  listings: ListingPage[];
  /** Every feed to write (site, each place, each topic), in URL order. */
  feeds: FeedSpec[];
}

/** A feed of articles: written as Atom, RSS and JSON Feed beside its page. */
export interface FeedSpec {
  kind: 'site' | 'place' | 'topic';
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

/** A place of an article with coordinates (the place's own, or its nearest ancestor's). */
export interface GeoPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  url: string;
}

export interface SiteView {
  title: string;
  description: string;
  url: string;
  lang: string;
  /** Who publishes the archive (for feeds and JSON-LD). */
  publisher: string;
  ui: Record<string, unknown>;
  /** Feeds of the whole site. */
  feeds: FeedUrls;
}

export interface Link {
  name: string;
  url: string;
  /** Set when the name is in another language than the page (for `lang` on the link). */
  lang?: string;
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
}

export interface ArticlePage {
  url: string;
  outputPath: string;
  canonical: string;
  file: string;
  title: string;
  summary?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  withdrawn: boolean;
  /** "Banu, Pol-e-Hesar and De Salah, Baghlan". */
  datelinePlace: string;
  date: TimeView;
  updated?: TimeView;
  /** The article's places, then the places that contain them. */
  places: Link[];
  /** Gazetteer ids of the places the article names (not their containers). */
  placeIds: string[];
  /** The article's places that have coordinates (or their nearest ancestor's). */
  points: GeoPoint[];
  topics: Link[];
  html: string;
  /** Plain text of the summary, or of the body's first paragraph. */
  excerpt: string;
  sources: { publisher: string; title?: string; url?: string; date?: TimeView }[];
  corrections: { date: TimeView; text: string }[];
}

export interface Teaser {
  url: string;
  title: string;
  summary?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  datelinePlace: string;
  date: TimeView;
}

export interface TeaserGroup {
  heading: string;
  /** `<time datetime>` of the heading, when it is a day or month. */
  datetime?: string;
  articles: Teaser[];
}

export interface HomePage {
  total: number;
  latest: TeaserGroup[];
  years: { year: number; count: string; url: string }[];
}

export interface ListingPage {
  kind: 'year' | 'place' | 'topic';
  url: string;
  outputPath: string;
  canonical: string;
  title: string;
  /** Native-script or other names shown beside the title. */
  otherNames: Link[];
  breadcrumbs: Link[];
  count: string;
  groups: TeaserGroup[];
  /** Feeds of this listing (places and topics). */
  feeds?: FeedUrls;
}
