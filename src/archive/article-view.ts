import type { ArticlePage, SiteView } from './archive.ts';
import { type ArticleCitation, citeArticle } from './cite-article.ts';
import { articleJsonLd, toScriptJson } from './json-ld.ts';

/**
 * An article page as its template prints it: the model's page with its body's HTML, its
 * schema.org NewsArticle (serialised for a script element) and its citation. The last two are
 * functions of the page and the site, so they are made when the page is rendered rather than
 * kept in the model: about 3 KB an article, 300 MB at 100,000.
 */
export interface ArticleView extends ArticlePage {
  html: string;
  jsonLd: string;
  /** How to cite the article (see cite-article.ts). */
  citation: ArticleCitation;
}

export function articleView(page: ArticlePage, site: SiteView, html: string): ArticleView {
  return { ...page, html, jsonLd: toScriptJson(articleJsonLd(page, site)), citation: citeArticle(page, site) };
}
