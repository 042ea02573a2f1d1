import type { Archive, ArticlePage } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';

/** Who the place data is from, printed with the exports (README "Licence and data credits"). */
export const PLACE_DATA = {
  source: 'GeoNames',
  sourceUrl: 'https://www.geonames.org/',
  license: 'CC-BY-4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
  note: 'Place names and coordinates are based on GeoNames (geonames.org), licensed CC BY 4.0.',
} as const;

/**
 * The articles the exports list, in model order (newest first): every published or withdrawn
 * article, never a draft (drafts are only in the model of a `--drafts` build).
 */
export function exportedArticles(archive: Archive): ArticlePage[] {
  return archive.articles.filter((a) => a.status !== 'draft');
}

export interface ArticleRecord {
  url: string;
  path: string;
  title: string;
  summary: string | null;
  excerpt: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** `2021-08-22T14:30:00+04:30`, or `2021-08-22` when only the day was given. */
  date: string;
  hasTime: boolean;
  /** The instant in UTC; for a day, the start of that day in the article's zone. */
  utc: string;
  updated: string | null;
  updatedUtc: string | null;
  withdrawn: boolean;
  dateline: string;
  placeIds: string[];
  places: { id: string; name: string; url: string }[];
  points: { id: string; name: string; lat: number; lon: number }[];
  topics: { name: string; url: string }[];
  authors: { name: string; url: string }[];
  image: { url: string; width: number; height: number; alt: string | null; caption: string | null; credit: string | null } | null;
  sources: { publisher: string; title: string | null; url: string | null; date: string | null }[];
  corrections: { date: string; text: string }[];
}

/**
 * One article as open data. Keys are always present and in this order (absent values are
 * `null` or `[]`), URLs are absolute, so the JSON is the same for the same model.
 */
export function articleRecord(article: ArticlePage, siteUrl: string): ArticleRecord {
  const abs = (url: string) => absoluteUrl(url, siteUrl);
  return {
    url: abs(article.url),
    path: article.url,
    title: article.title,
    summary: article.summary ?? null,
    excerpt: article.excerpt,
    lang: article.lang,
    dir: article.dir,
    date: article.date.datetime,
    hasTime: article.date.hasTime,
    utc: article.date.utc,
    updated: article.updated?.datetime ?? null,
    updatedUtc: article.updated?.utc ?? null,
    withdrawn: article.withdrawn,
    dateline: article.datelinePlace,
    placeIds: [...article.placeIds],
    places: article.places.map((p) => ({ id: p.id, name: p.name, url: abs(p.url) })),
    points: article.points.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon })),
    topics: article.topics.map((t) => ({ name: t.name, url: abs(t.url) })),
    authors: article.authors.map((a) => ({ name: a.name, url: abs(a.url) })),
    image: article.image
      ? {
          url: article.image.canonical,
          width: article.image.width,
          height: article.image.height,
          alt: article.image.alt ?? null,
          caption: article.image.caption ?? null,
          credit: article.image.credit ?? null,
        }
      : null,
    sources: article.sources.map((s) => ({
      publisher: s.publisher,
      title: s.title ?? null,
      url: s.url ?? null,
      date: s.date?.datetime ?? null,
    })),
    corrections: article.corrections.map((c) => ({ date: c.date.datetime, text: c.text })),
  };
}

/** Pretty-printed JSON, two spaces, with a final newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * `formatJson({ ...head, [key]: items })`, in pieces (one per item), so a large export is
 * written as a stream rather than held whole. `key` comes last, as it would.
 */
export function* formatJsonWithList(head: Record<string, unknown>, key: string, items: Iterable<unknown>): Generator<string> {
  const start = JSON.stringify(head, null, 2);
  const open = `${start === '{}' ? '{' : `${start.slice(0, -2)},`}\n  ${JSON.stringify(key)}: [`;
  let first = true;
  for (const item of items) {
    // An item two levels down: each of its lines indented four more spaces (JSON strings hold no raw line breaks).
    yield `${first ? `${open}\n` : ',\n'}    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield first ? `${open}]\n}\n` : '\n  ]\n}\n';
}
