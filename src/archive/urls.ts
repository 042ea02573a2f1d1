import { posix } from 'node:path';
import type { ArticleDate } from '../dates/article-date.ts';

/**
 * The single source of every URL in the site. URLs are root-relative with a trailing slash
 * (`/2021/08/22/andarab-resistance/`); pages are written to `<url>index.html`.
 */
const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/*
 * Listings, indexes and the search page are a language's: under its base, its home's URL (`/`
 * for the site's default language, `/fa/` for another; SiteLanguage.base). Articles and images
 * are the site's, at one URL whatever the language.
 */
export const yearUrl = (base: string, year: number) => periodUrl(base, year);
export const monthUrl = (base: string, year: number, month: number) => periodUrl(base, year, month);
export const dayUrl = (base: string, year: number, month: number, day: number) => periodUrl(base, year, month, day);
/**
 * A period's page under a listing's page (`/`: the date archive; `/places/af/baghlan/`): its
 * year (`2021/`), month (`2021/08/`), day (`2021/08/22/`) or a part of a day (`2021/08/22/2/`).
 */
export function periodUrl(base: string, year: number, month?: number, day?: number, part?: number): string {
  const segments = [String(year), month && pad(month), day && pad(day), part && String(part)];
  return `${base}${segments.filter(Boolean).join('/')}/`;
}
export const archiveIndexUrl = (base: string) => `${base}archive/`;
export const placesIndexUrl = (base: string) => `${base}places/`;
export const topicsIndexUrl = (base: string) => `${base}topics/`;
export const placeUrl = (base: string, id: string) => `${base}places/${id}/`;
export const topicUrl = (base: string, slug: string) => `${base}topics/${slug}/`;
export const authorsIndexUrl = (base: string) => `${base}authors/`;
export const searchUrl = (base: string) => `${base}search/`;
/** An image's address in the site: named by its content, so a changed photo is a new file. */
export const mediaUrl = (info: { hash: string; ext: string }) => `/media/${info.hash}.${info.ext}`;
/** A smaller copy of an image, `width` pixels wide, in WebP. */
export const mediaVariantUrl = (info: { hash: string }, width: number) => `/media/${info.hash}-${width}.webp`;
/** The widths of the smaller copies made of an image: those narrower than it. */
export const variantWidths = (info: { width: number }): number[] => [640, 1280].filter((w) => w < info.width);
/** The smaller copies of an image as a `srcset` (`/media/<hash>-640.webp 640w, …`); none when it is no wider than them. */
export function mediaSrcset(info: { hash: string; width: number }): string | undefined {
  const widths = variantWidths(info);
  return widths.length > 0 ? widths.map((w) => `${mediaVariantUrl(info, w)} ${w}w`).join(', ') : undefined;
}
export const authorUrl = (base: string, slug: string) => `${base}authors/${slug}/`;

/** The Atom, RSS and JSON feeds that sit beside a page (`/places/af/` → `/places/af/feed.xml`). */
export function feedUrls(pageUrl: string) {
  return { atom: `${pageUrl}feed.xml`, rss: `${pageUrl}rss.xml`, json: `${pageUrl}feed.json` };
}

/** `/YYYY/MM/DD/slug/` in the article's local date. */
export function articleUrl(date: ArticleDate, slug: string): string {
  return `/${date.year}/${pad(date.month)}/${pad(date.day)}/${slug}/`;
}

/**
 * The output file of a page URL, relative to the output folder. Refuses any URL whose segments
 * are not plain lowercase words, so no page can be written outside the output folder.
 */
export function outputPathOf(url: string): string {
  const segments = url.split('/').slice(1, -1);
  if (!url.startsWith('/') || !url.endsWith('/') || !segments.every((s) => SEGMENT.test(s))) {
    throw new Error(`Refusing to write page URL ${JSON.stringify(url)}: URL segments must be lowercase words joined by hyphens.`);
  }
  return `${segments.map((s) => `${s}/`).join('')}index.html`;
}

/** The URL an output file is served at (outputPathOf's inverse): `2021/index.html` → `/2021/`, `404.html` → `/404.html`. */
export function urlOfOutputPath(outputPath: string): string {
  return `/${outputPath.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The absolute URL of a page, for canonical links, feeds and sitemaps. */
export function absoluteUrl(url: string, base: string): string {
  return new URL(url.slice(1), base).href;
}

/**
 * Rewrites a root-relative URL (`/places/af/`) as relative to the page at `from`
 * (`/2021/08/22/x/` → `../../../../places/af/`); with `portable`, directory links get
 * `index.html` so the site browses from disk. Other URLs are returned unchanged.
 */
export function relativeUrl(url: string, from: string, portable: boolean): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  // The path, and the query and fragment after it.
  const query = url.indexOf('?');
  const hash = url.indexOf('#');
  const cut = query === -1 ? (hash === -1 ? url.length : hash) : hash === -1 ? query : Math.min(query, hash);
  const [target, rest] = [url.slice(0, cut), url.slice(cut)];
  const fromDir = from.endsWith('/') ? from : posix.dirname(from);
  const isDir = target.endsWith('/');
  let relative = relativePath(fromDir, isDir && portable ? `${target}index.html` : target);
  if (isDir && !portable) relative = relative === '' ? '.' : relative;
  if (isDir && !portable) relative += '/';
  return `${relative.startsWith('.') ? '' : './'}${relative}${rest}`;
}

/** Whether a root path is written as the site writes them: no `.`, `..` or empty segment. */
const isPlainPath = (path: string) => path.startsWith('/') && !path.includes('//') && !path.includes('/.');

/**
 * posix.relative for two root paths, by their characters when both are plain (isPlainPath), as
 * every URL the model makes is; posix.relative otherwise (a writer's own link). posix.relative
 * resolves both against the working folder and splits them anew for each link.
 */
export function relativePath(fromDir: string, to: string): string {
  if (!isPlainPath(fromDir) || !isPlainPath(to)) return posix.relative(fromDir, to);
  const from = fromDir.endsWith('/') ? fromDir : `${fromDir}/`;
  const target = to.endsWith('/') ? to : `${to}/`;
  // The longest prefix both share that ends with a slash, then a `..` a folder of `from` past it.
  let shared = 0;
  for (let i = 0; i < from.length && i < target.length && from.charCodeAt(i) === target.charCodeAt(i); i++) {
    if (from.charCodeAt(i) === 47) shared = i + 1;
  }
  let ups = 0;
  for (let i = shared; i < from.length; i++) if (from.charCodeAt(i) === 47) ups++;
  const rest = target.slice(shared, -1);
  const up = '../'.repeat(ups);
  return rest ? up + rest : up.slice(0, -1);
}

/**
 * A root-relative URL under the base URL's path (`/places/` → `/archive/places/` for a site
 * at https://example.org/archive/), for pages served at any address, such as 404.html.
 */
export function rootedUrl(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  return new URL(base).pathname + url.slice(1);
}

/** The not-found page, which servers show at any URL, so its links cannot be relative. */
export const NOT_FOUND_URL = '/404.html';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
