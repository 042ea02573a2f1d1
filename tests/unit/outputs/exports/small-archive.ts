import type { Archive, ArticlePage, SiteView, TimeView } from '../../../../src/archive/archive.ts';

/** A hand-made model: what `buildArchive` would give, kept small and explicit. */
export const site: SiteView = {
  language: 'English',
  title: 'Small',
  description: '',
  url: 'https://news.example/archive/',
  lang: 'en',
  dir: 'ltr',
  base: '/',
  urls: { home: '/', archive: '/archive/', places: '/places/', topics: '/topics/', search: '/search/' },
  publisher: 'Small Desk',
  ui: {},
  feeds: { atom: '/feed.xml', rss: '/rss.xml', json: '/feed.json' },
  search: { enabled: true, collapsedFacets: [] },
};

const time = (datetime: string, utc: string): TimeView => ({ datetime, day: datetime.slice(0, 10), utc, hasTime: datetime.length > 10 });

export function article(slug: string, day: string, extra: Partial<ArticlePage> = {}): ArticlePage {
  const url = `/${day.replaceAll('-', '/')}/${slug}/`;
  return {
    url,
    outputPath: `${url.slice(1)}index.html`,
    canonical: new URL(url.slice(1), site.url).href,
    siteLang: 'en',
    file: `content/${slug}.md`,
    title: slug,
    lang: 'en',
    dir: 'ltr',
    withdrawn: extra.status === 'withdrawn' || extra.withdrawn === true,
    status: extra.withdrawn ? 'withdrawn' : 'published',
    related: [],
    authors: [],
    datelinePlace: 'Banu, Baghlan',
    datelineParts: [{ text: 'Banu, Baghlan' }],
    date: time(day, `${day}T00:00:00Z`),
    places: [
      { id: 'af/baghlan/banu', name: 'Banu', url: '/places/af/baghlan/banu/' },
      { id: 'af/baghlan', name: 'Baghlan', url: '/places/af/baghlan/' },
    ],
    facets: { places: ['Banu', 'Baghlan'], topics: ['andarab'] },
    placeIds: ['af/baghlan/banu'],
    placeSpellings: ['Banu', 'Baghlan'],
    points: [{ id: 'af/baghlan/banu', name: 'Banu', lat: 35.63348, lon: 69.26019, url: '/places/af/baghlan/banu/' }],
    topics: [{ name: 'andarab', url: '/topics/andarab/' }],
    bodyKey: 'body',
    textKey: 'body',
    excerpt: 'Body',
    ogLocale: 'en',
    sources: [],
    corrections: [],
    ...extra,
  };
}

/** Builds an archive whose (year) listing lists `published`, as `buildArchive` lists published articles only. */
export function archiveOf(articles: ArticlePage[], published: ArticlePage[] = articles.filter((a) => !a.withdrawn)): Archive {
  return {
    sites: [site],
    articles,
    homes: [{ url: '/', outputPath: 'index.html', canonical: site.url, siteLang: 'en', total: published.length, latest: [], years: [] }],
    searches: [],
    listings: [
      {
        kind: 'year',
        url: '/2021/',
        outputPath: '2021/index.html',
        canonical: `${site.url}2021/`,
        siteLang: 'en',
        title: 'Reports of 2021',
        otherNames: [],
        breadcrumbs: [],
        count: `${published.length} articles`,
        groups: [
          {
            heading: 'August 2021',
            articles: published.map((p) => ({
              url: p.url,
              title: p.title,
              lang: p.lang,
              dir: p.dir,
              datelinePlace: p.datelinePlace,
              datelineParts: p.datelineParts,
              date: p.date,
            })),
          },
        ],
      },
    ],
    indexes: [],
    feeds: [],
    searchBundles: [{ folder: 'pagefind', articleUrls: published.map((p) => p.url) }],
  };
}

/** Titles that break naive CSV, JSON, HTML or template writers. */
export const HOSTILE_TITLES = [
  'Kabul, the capital, "falls"',
  "<script>alert('x')</script> & {{ 7 * 7 }}",
  'Line one\nline two\r\nline three',
  '=SUM(A1:A2) ; semicolon; "quote"',
  'طالبان مدعی تصرف پنجشیر شدند؛ جبهه',
];
