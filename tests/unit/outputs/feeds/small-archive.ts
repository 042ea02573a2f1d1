import type { Archive, ArticlePage, FeedSpec, TimeView } from '../../../../src/archive/archive.ts';
import { feedUrls } from '../../../../src/archive/urls.ts';
import { bodiesInMemory } from '../../../../src/markdown/bodies.ts';
import type { RenderedBody } from '../../../../src/markdown/render-markdown.ts';

/** A site published under a sub-path, so absolute URLs must keep it. */
export const BASE = 'https://news.example/desk/';

const day = (datetime: string, utc: string): TimeView => ({ datetime, day: datetime, utc, hasTime: false });
const at = (datetime: string, utc: string): TimeView => ({
  datetime,
  day: datetime.slice(0, 10),
  time: datetime.slice(11, 16),
  utc,
  hasTime: true,
});

/** The articles' bodies, by body key (their URL here). */
const BODIES = new Map<string, RenderedBody>();
/** What the feeds read the bodies from. */
export const smallBodies = bodiesInMemory(BODIES);

/** An article page with the fields feeds and sitemaps read (the model may hold more), and its body. */
function article(
  url: string,
  { html = '<p>Body</p>', text = 'Body', ...fields }: Partial<ArticlePage> & { html?: string; text?: string },
): ArticlePage {
  BODIES.set(url, { html, text, firstParagraph: text });
  const page = {
    url,
    outputPath: `${url.slice(1)}index.html`,
    canonical: new URL(url.slice(1), BASE).href,
    file: `content${url}x.md`,
    title: 'Untitled',
    lang: 'en',
    dir: 'ltr',
    withdrawn: false,
    datelinePlace: 'Somewhere',
    datelineParts: [{ text: 'Somewhere' }],
    date: day('2021-01-01', '2021-01-01T00:00:00Z'),
    places: [],
    placeIds: [],
    placeSpellings: [],
    points: [],
    topics: [],
    authors: [],
    bodyKey: url,
    textKey: url,
    excerpt: 'Body',
    sources: [],
    corrections: [],
    ...fields,
  };
  return page as ArticlePage;
}

/** A day-only article (filed in Kabul), updated later with a time; three places; hostile title. */
export const andarab = article('/2021/08/22/andarab/', {
  title: 'Fighters hold <b>three</b> districts & more\u0007 "quoted" ]]> \'end\'',
  date: day('2021-08-22', '2021-08-21T19:30:00Z'),
  updated: at('2021-08-23T09:00:00+04:30', '2021-08-23T04:30:00Z'),
  points: [
    { id: 'af/baghlan/banu', name: 'Banu', lat: 35.63348, lon: 69.26019, url: '/places/af/baghlan/banu/' },
    { id: 'af/baghlan/pol-e-hesar', name: 'Pol-e-Hesar', lat: 35.61794, lon: 69.47134, url: '/places/af/baghlan/pol-e-hesar/' },
  ],
  topics: [
    { name: 'andarab', url: '/topics/andarab/' },
    { name: 'R&D <x>', url: '/topics/r-d-x/' },
  ],
  html: '<p>Body &#x26; <em>text</em> with <a href="#user-content-fn-1">a note</a>.</p>\n<p>Second line.</p>',
  excerpt: 'Body & text, <not a tag>.',
});

/** A right-to-left article with a time in Kabul and no located place. */
export const kabul = article('/2021/08/30/kabul/', {
  title: 'آخرین پرواز',
  lang: 'fa',
  dir: 'rtl',
  date: at('2021-08-30T23:59:00+04:30', '2021-08-30T19:29:00Z'),
  html: '<p>متن</p>',
  excerpt: 'متن',
  topics: [{ name: 'kabul', url: '/topics/kabul/' }],
});

/** A withdrawn article: a page, but in no feed or listing. It is the newest change of all. */
export const withdrawn = article('/2021/08/10/withdrawn/', {
  title: 'Withdrawn',
  withdrawn: true,
  date: day('2021-08-10', '2021-08-10T00:00:00Z'),
  updated: at('2021-09-01T12:00:00-05:00', '2021-09-01T17:00:00Z'),
});

const spec = (kind: FeedSpec['kind'], title: string, pageUrl: string, articles: string[]): FeedSpec => ({
  kind,
  siteLang: 'en',
  title,
  pageUrl,
  urls: feedUrls(pageUrl),
  articles,
});

export const siteFeed = spec('site', 'Desk & Co', '/', [kabul.url, andarab.url]);
export const placeFeed = spec('place', 'Desk & Co: Baghlan', '/places/af/baghlan/', [andarab.url]);
/** A place whose only article was withdrawn. */
export const emptyFeed = spec('place', 'Desk & Co: Nowhere', '/places/xx/', []);

const teaser = (a: ArticlePage) => ({
  url: a.url,
  title: a.title,
  lang: a.lang,
  dir: a.dir,
  datelinePlace: a.datelinePlace,
  datelineParts: a.datelineParts,
  date: a.date,
});

/** The hand-made archive. `indexes` stands for page lists the sitemap must find by their shape. */
export function smallArchive(): Archive {
  const archive = {
    sites: [
      {
        language: 'English',
        title: 'Desk & Co',
        description: 'Reports <from> the desk & field.',
        url: BASE,
        lang: 'en',
        dir: 'ltr',
        base: '/',
        urls: { home: '/', archive: '/archive/', places: '/places/', topics: '/topics/', search: '/search/' },
        publisher: 'Desk & Co <news>',
        ui: {},
        feeds: feedUrls('/'),
        search: { enabled: true, collapsedFacets: [] },
      },
    ],
    articles: [kabul, andarab, withdrawn],
    homes: [
      {
        url: '/',
        outputPath: 'index.html',
        canonical: BASE,
        siteLang: 'en',
        total: 2,
        latest: [{ heading: 'August 2021', articles: [teaser(kabul), teaser(andarab)] }],
        years: [],
      },
    ],
    searches: [],
    listings: [
      {
        kind: 'place',
        url: '/places/af/baghlan/',
        outputPath: 'places/af/baghlan/index.html',
        canonical: `${BASE}places/af/baghlan/`,
        siteLang: 'en',
        title: 'Baghlan',
        otherNames: [],
        breadcrumbs: [],
        count: '1',
        groups: [{ heading: 'August 2021', articles: [teaser(andarab)] }],
      },
      {
        kind: 'place',
        url: '/places/xx/',
        outputPath: 'places/xx/index.html',
        canonical: `${BASE}places/xx/`,
        siteLang: 'en',
        title: 'Nowhere',
        otherNames: [],
        breadcrumbs: [],
        count: '0',
        groups: [],
      },
    ],
    indexes: [
      { url: '/places/', outputPath: 'places/index.html', canonical: `${BASE}places/`, siteLang: 'en', title: 'Places', sections: [] },
    ],
    feeds: [siteFeed, emptyFeed, placeFeed],
    searchBundles: [{ folder: 'pagefind', articleUrls: [kabul.url, andarab.url] }],
  };
  return archive as Archive;
}

/** An article's body HTML, as the feeds read it. */
export const bodyHtml = (a: ArticlePage): string => smallBodies.get(a.bodyKey).html;
