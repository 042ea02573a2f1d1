import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fg from 'fast-glob';
import matter from 'gray-matter';
import nunjucks from 'nunjucks';
import type { Archive, ArticlePage, SiteView } from '../../archive/archive.ts';
import { articleView } from '../../archive/article-view.ts';
import { NOT_FOUND_URL, relativeUrl, rootedUrl } from '../../archive/urls.ts';
import { PACKAGE_ROOT } from '../../package-root.ts';
import { writePrecompiledTemplates } from './precompiled-templates.ts';
import { rewriteUrls } from './rewrite-urls.ts';

export type Render = (data: object) => Promise<string>;

/** A Nunjucks frame (the scope of a template, a block or a loop), as its runtime makes it. */
interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): Frame | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}
const names = new Map<string, string[]>();
/**
 * Nunjucks's `Frame.set`, with each dotted name split once: a loop sets seven `loop.*` variables
 * an item, and splitting their names every time was 0.4 s of a 1,000-article build (3.7 % of its
 * build thread). Otherwise the same steps: a write may go to the frame that holds the name, and
 * `a.b` makes the object `a` if need be.
 */
function setVariable(this: Frame, name: string, value: unknown, resolveUp?: boolean): void {
  let parts = names.get(name);
  if (parts === undefined) {
    parts = name.split('.');
    names.set(name, parts);
  }
  if (resolveUp) {
    const frame = this.resolve(parts[0]!, true);
    if (frame) {
      frame.set(name, value);
      return;
    }
  }
  let object = this.variables;
  for (let i = 0; i < parts.length - 1; i++) {
    const id = parts[i]!;
    if (!object[id]) object[id] = {};
    object = object[id] as Record<string, unknown>;
  }
  object[parts[parts.length - 1]!] = value;
}
(nunjucks.runtime as unknown as { Frame: { prototype: Frame } }).Frame.prototype.set = setVariable;
/** A template's render, by its source and path (compiledTemplates). */
export type Compiled = (source: string, path: string | undefined) => Render;

/**
 * Nunjucks templates compiled once each (by source and path), rendering with autoescape on and
 * failing on an undefined value: what the site's pages are rendered with (writePages), and
 * what renders a single page (articlePageRenderer).
 */
export function compiledTemplates(templates: string): Compiled {
  return compiledIn(templateEnvironment(templates));
}

/** The Nunjucks environment of a templates folder (`_includes/` searched first). */
function templateEnvironment(templates: string): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader([join(templates, '_includes'), templates]), {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
}

/**
 * Compiles Dateline's templates (or a folder's) as a build does, its page templates and their
 * permalinks and every include, and keeps their code for builds to start from
 * (precompiled-templates.ts): run by every compile (scripts/compile.js).
 */
export function precompileTemplates(templates = join(PACKAGE_ROOT, 'templates')): Promise<number> {
  return writePrecompiledTemplates(async () => {
    const env = templateEnvironment(templates);
    await pageTemplates(templates, compiledIn(env));
    for (const include of await fg('**/*.njk', { cwd: join(templates, '_includes') })) env.getTemplate(include, true);
  });
}

function compiledIn(env: nunjucks.Environment): Compiled {
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

/** The lists of the model a template can paginate (`pagination.data: archive.<list>`), one page per item. */
export type PageList = 'articles' | 'listings' | 'indexes' | 'homes' | 'searches';
export const PAGE_LISTS: readonly PageList[] = ['articles', 'listings', 'indexes', 'homes', 'searches'];

/** A page template of `templates/`: one page, or one per item of a list of the model (under `alias`), at the path its permalink renders. */
export interface PageTemplate {
  file: string;
  render: Render;
  permalink: Render;
  pagination?: { list: PageList; alias: string };
}

/**
 * The page templates (`templates/*.njk`; `_includes/` holds what they include), with the
 * front matter Eleventy's templates are written with: `permalink`, and `pagination` (`data:
 * archive.<list>`, `size: 1`, `alias`). Anything else in it is refused, not ignored.
 */
export async function pageTemplates(templates: string, compiled: Compiled): Promise<PageTemplate[]> {
  const files = (await readdir(templates)).filter((f) => f.endsWith('.njk')).sort();
  return Promise.all(files.map((file) => pageTemplate(templates, file, compiled)));
}

/** One page template of `templates/` (pageTemplates), by its file name. */
export async function pageTemplate(templates: string, file: string, compiled: Compiled): Promise<PageTemplate> {
  const path = join(templates, file);
  const { content, data } = matter(await readFile(path, 'utf8'));
  const { permalink, pagination } = data as { permalink?: unknown; pagination?: { data?: unknown; size?: unknown; alias?: unknown } };
  if (typeof permalink !== 'string') throw new Error(`${path}: its front matter needs a \`permalink\` (the page's path in the site).`);
  let paginated: PageTemplate['pagination'];
  if (pagination !== undefined) {
    const list = typeof pagination.data === 'string' ? pagination.data.replace(/^archive\./, '') : '';
    if (!(PAGE_LISTS as readonly string[]).includes(list) || pagination.size !== 1 || typeof pagination.alias !== 'string') {
      throw new Error(
        `${path}: \`pagination\` must be \`data: archive.articles\` (or listings, indexes, homes, searches), \`size: 1\` and an \`alias\`.`,
      );
    }
    paginated = { list: list as PageList, alias: pagination.alias };
  }
  return { file, render: compiled(content, path), permalink: compiled(permalink, undefined), pagination: paginated };
}

/** How a site's links are written (PageOptions). */
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
  return rewriteUrls(html, (url) =>
    pageUrl === NOT_FOUND_URL ? rootedUrl(url, options.baseUrl) : relativeUrl(url, pageUrl, options.portableLinks),
  );
}

/**
 * What one page is rendered from: the model (as much of it as its template reads), its maps, and
 * its item of the template's pagination, under the alias the template gives it.
 */
export interface PageData {
  archive: Partial<Archive>;
  /** The site in the page's language. */
  site: SiteView;
  maps: Record<string, string>;
  /** The page's item (an article view, a listing, an index), for a paginated template. */
  item?: object;
  /** The page's URL, which its links are made relative to. */
  url: string;
}

/**
 * Renders single pages of the site's templates, byte for byte as the build writes them
 * (writePages: the same compiled templates, data and links), one at a time: what `dateline
 * serve` shows the moment a save is made, before the build that writes it has finished.
 * `render(template, data)` takes a template's file name (`listing.njk`).
 */
export function pageRenderer(templates: string, options: LinkOptions): { render(template: string, data: PageData): Promise<string> } {
  const compiled = compiledTemplates(templates);
  const loaded = new Map<string, Promise<PageTemplate>>();
  const load = (template: string) => {
    let entry = loaded.get(template);
    if (!entry) loaded.set(template, (entry = pageTemplate(templates, template, compiled)));
    return entry;
  };
  return {
    async render(template, { archive, site, maps, item, url }) {
      const { render, pagination } = await load(template);
      const alias = pagination?.alias;
      const out = await render({ archive, site, maps, ...(alias && item ? { [alias]: item, page: item } : {}) });
      return pageLinks(out, url, options);
    },
  };
}

/** One article page (pageRenderer), from its view in the model and its body's HTML. */
export async function articlePageRenderer(
  templates: string,
  options: LinkOptions,
): Promise<(site: SiteView, page: ArticlePage, html: string, map: string | undefined) => Promise<string>> {
  const { render } = pageRenderer(templates, options);
  return (site, page, html, map) =>
    render('article.njk', {
      archive: {},
      site,
      maps: map === undefined ? {} : { [page.url]: map },
      item: articleView(page, site, html),
      url: page.url,
    });
}
