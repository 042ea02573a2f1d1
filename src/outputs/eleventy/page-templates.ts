import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import nunjucks from 'nunjucks';
import type { Archive, ArticlePage, SiteView } from '../../archive/archive.ts';
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
 * What one page is rendered from: the model (as much of it as its template reads), its maps, and
 * its item of the template's pagination, under the alias the template gives it.
 */
export interface PageData {
  archive: Partial<Archive> & { site: SiteView };
  maps: Record<string, string>;
  /** The page's item (an article view, a listing, an index), for a paginated template. */
  item?: object;
  /** The page's URL, which its links are made relative to. */
  url: string;
}

/**
 * Renders single pages of the site's templates, byte for byte as the build's Eleventy run writes
 * them (the same compiled templates, data and links), without starting Eleventy: what `dateline
 * serve` shows the moment a save is made, before the build that writes it has finished.
 * `render(template, data)` takes a template's file name (`listing.njk`).
 */
export function pageRenderer(templates: string, options: LinkOptions): { render(template: string, data: PageData): Promise<string> } {
  const compiled = compiledTemplates(templates);
  const loaded = new Map<string, Promise<{ render: Render; alias?: string }>>();
  const load = (template: string) => {
    let entry = loaded.get(template);
    if (!entry) {
      const path = join(templates, template);
      // The template's text past its front matter, as Eleventy reads it (with gray-matter).
      entry = readFile(path, 'utf8').then((text) => {
        const { content, data } = matter(text);
        const alias = (data as { pagination?: { alias?: string } }).pagination?.alias;
        return { render: compiled(content, path), alias };
      });
      loaded.set(template, entry);
    }
    return entry;
  };
  return {
    async render(template, { archive, maps, item, url }) {
      const { render, alias } = await load(template);
      const out = await render({ archive, site: archive.site, maps, ...(alias && item ? { [alias]: item } : {}) });
      return pageLinks(out, url, options);
    },
  };
}

/** One article page (pageRenderer), from its view in the model and its body's HTML. */
export async function articlePageRenderer(templates: string, options: LinkOptions): Promise<(site: SiteView, page: ArticlePage, html: string, map: string | undefined) => Promise<string>> {
  const { render } = pageRenderer(templates, options);
  return (site, page, html, map) => render('article.njk', { archive: { site }, maps: map === undefined ? {} : { [page.url]: map }, item: articleView(page, site, html), url: page.url });
}
