import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import nunjucks from 'nunjucks';
import type { ArticlePage, SiteView } from '../../archive/archive.ts';
import { articleView } from '../../archive/article-view.ts';
import { NOT_FOUND_URL, relativeUrl, rootedUrl } from '../../archive/urls.ts';
import { rewriteUrls } from './rewrite-urls.ts';

export type Render = (data: object) => Promise<string>;

/**
 * Nunjucks templates compiled once each (by source and path), rendering with autoescape on and
 * failing on an undefined value: what Eleventy renders the site's pages with (runEleventy), and
 * what renders a single page (articlePageRenderer).
 */
export function compiledTemplates(templates: string): (source: string, path: string | undefined) => Render {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(templates, '_includes'), templates]), {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  const cache = new Map<string, Render>();
  return (source, path) => {
    const key = `${path ?? ''}\0${source}`;
    let render = cache.get(key);
    if (!render) {
      const template = new nunjucks.Template(source, env, path, true);
      render = (data) =>
        new Promise((resolve, reject) => template.render(data, (error, result) => (error ? reject(error) : resolve(result ?? ''))));
      cache.set(key, render);
    }
    return render;
  };
}

/** How a site's links are written (EleventyOptions). */
export interface LinkOptions {
  /** Links to `…/index.html` (browse from disk) rather than `…/`. */
  portableLinks: boolean;
  /** The site's absolute base URL (its path roots the 404 page's links). */
  baseUrl: string;
}

/**
 * A rendered page's root-relative links made relative to the page (rooted at the base URL on the
 * 404 page, which is served at any depth).
 */
export function pageLinks(html: string, pageUrl: string, options: LinkOptions): string {
  return rewriteUrls(html, (url) => (pageUrl === NOT_FOUND_URL ? rootedUrl(url, options.baseUrl) : relativeUrl(url, pageUrl, options.portableLinks)));
}

/**
 * Renders one article page, byte for byte as the build's Eleventy run writes it (the same
 * compiled template, data and links), without starting Eleventy: what `dateline serve` shows
 * the moment a body is saved, before the build that writes it to disk has finished.
 */
export async function articlePageRenderer(templates: string, options: LinkOptions): Promise<(site: SiteView, page: ArticlePage, html: string, map: string | undefined) => Promise<string>> {
  const path = join(templates, 'article.njk');
  // The template's text past its front matter, as Eleventy reads it (with gray-matter).
  const { content } = matter(await readFile(path, 'utf8'));
  const render = compiledTemplates(templates)(content, path);
  return async (site, page, html, map) => {
    const maps = map === undefined ? {} : { [page.url]: map };
    const out = await render({ archive: {}, site, maps, article: articleView(page, site, html) });
    return pageLinks(out, page.url, options);
  };
}
