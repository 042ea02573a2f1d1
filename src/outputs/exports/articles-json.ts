import type { Archive } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';
import { type ArticleRecord, articleRecord, exportedArticles, formatJson, formatJsonWithList, PLACE_DATA } from './records.ts';

export interface ArticlesJson {
  title: string;
  url: string;
  publisher: string;
  placeData: typeof PLACE_DATA;
  count: number;
  articles: ArticleRecord[];
}

/**
 * `/data/articles.json`: the site, the place-data credit, and every published or withdrawn
 * article (newest first) with its dates, places, points, topics and sources. No build date, so
 * the same content gives the same bytes.
 */
export function buildArticlesJson(archive: Archive): ArticlesJson {
  const articles = exportedArticles(archive).map((a) => articleRecord(a, archive.sites[0]!.url));
  return { ...head(archive, articles.length), articles };
}

/** Everything of `articles.json` but its articles. */
function head(archive: Archive, count: number): Omit<ArticlesJson, 'articles'> {
  return {
    title: archive.sites[0]!.title,
    url: absoluteUrl('/', archive.sites[0]!.url),
    publisher: archive.sites[0]!.publisher,
    placeData: PLACE_DATA,
    count,
  };
}

export function articlesJson(archive: Archive): string {
  return formatJson(buildArticlesJson(archive));
}

/** `articlesJson` in pieces, an article at a time, for writing as a stream. */
export function* articlesJsonPieces(archive: Archive): Generator<string> {
  const articles = exportedArticles(archive);
  yield* formatJsonWithList(
    head(archive, articles.length),
    'articles',
    (function* () {
      for (const a of articles) yield articleRecord(a, archive.sites[0]!.url);
    })(),
  );
}
