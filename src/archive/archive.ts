/** The archive model the templates print: every page, URL and formatted value decided here. */
export interface Archive {
  site: SiteView;
  /** Every article page to write (published and withdrawn), newest first. */
  articles: ArticlePage[];
  home: HomePage;
  /** Year, place and topic listing pages, in URL order. */
  listings: ListingPage[];
}

export interface SiteView {
  title: string;
  description: string;
  url: string;
  lang: string;
  ui: Record<string, unknown>;
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
  topics: Link[];
  html: string;
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
}
