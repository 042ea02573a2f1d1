import { decodeHTMLAttribute } from 'entities';
import { DateTime } from 'luxon';
import { type Archive, type ArticlePage, type FeedSpec, type SiteView, siteOf, type TimeView } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { rewriteUrls } from '../pages/rewrite-urls.ts';
import type { FeedText } from './feed-text.ts';
import { type XmlElement, xml, xmlLines, xmlText } from './xml.ts';

/**
 * What the three feed formats share: the feed's articles (looked up by URL in the model), its
 * absolute URLs and its dates. Everything is derived from the archive model, so the same model
 * always gives the same bytes (no build timestamp anywhere).
 */
export interface FeedData {
  spec: FeedSpec;
  /** Where the entries' bodies are read from. */
  bodies: Bodies;
  /** The site in the feed's language. */
  site: SiteView;
  /** The feed's articles, newest first, as in `spec.articles`. */
  entries: ArticlePage[];
  /** Absolute URL of the page the feed belongs to. */
  pageUrl: string;
  /** Absolute URLs of the three formats. */
  self: { atom: string; rss: string; json: string };
  /** When the feed last changed: its newest article's `updated` (else `date`), RFC 3339. */
  updated: string;
}

/** Used only by an archive with no articles at all: a fixed instant, never the build's clock. */
export const EPOCH = '1970-01-01T00:00:00Z';

/** Every article page of the archive by its root-relative URL. */
export function articleIndex(archive: Archive): Map<string, ArticlePage> {
  return new Map(archive.articles.map((a) => [a.url, a]));
}

/**
 * The data of one feed. `index` is `articleIndex(archive)` (built once for all feeds). A URL in
 * the spec that is not an article of the archive is a bug in the model: it throws rather than
 * writing a feed that silently lacks an article.
 */
export function feedData(archive: Archive, spec: FeedSpec, index: ReadonlyMap<string, ArticlePage>, bodies: Bodies): FeedData {
  const entries = spec.articles.map((url) => {
    const article = index.get(url);
    if (!article) throw new Error(`Feed ${spec.urls.atom} lists ${url}, which is not an article of the archive.`);
    return article;
  });
  const site = siteOf(archive, spec);
  const base = site.url;
  // A feed with no articles (a place whose only articles were withdrawn) changed when the
  // archive last did.
  const newest = newestChange(entries) ?? newestChange(archive.articles);
  return {
    spec,
    bodies,
    site,
    entries,
    pageUrl: absoluteUrl(spec.pageUrl, base),
    self: { atom: absoluteUrl(spec.urls.atom, base), rss: absoluteUrl(spec.urls.rss, base), json: absoluteUrl(spec.urls.json, base) },
    updated: newest ? rfc3339(newest) : EPOCH,
  };
}

/** When an article last changed: `updated`, else `date`. */
export function lastChange(article: ArticlePage): TimeView {
  return article.updated ?? article.date;
}

/** The latest `lastChange` of some articles (the first of equals), or undefined for none. */
export function newestChange(articles: readonly ArticlePage[]): TimeView | undefined {
  let newest: TimeView | undefined;
  for (const a of articles) {
    const t = lastChange(a);
    if (!newest || Date.parse(t.utc) > Date.parse(newest.utc)) newest = t;
  }
  return newest;
}

/**
 * RFC 3339 date-time with an offset: the article's own local time and offset when a time was
 * given (`2021-08-22T14:30:00+04:30`), else the start of the day in the article's zone, in UTC
 * (`2021-08-21T19:30:00Z`).
 */
export function rfc3339(time: TimeView): string {
  return time.hasTime ? time.datetime : time.utc;
}

/**
 * RFC 822 (as RFC 2822 writes it, with a numeric zone): `Sun, 22 Aug 2021 14:30:00 +0430`.
 * Memoised: an article's date is printed in every RSS feed it is in.
 */
export function rfc822(rfc3339Text: string): string {
  let text = rfc822Texts.get(rfc3339Text);
  if (text === undefined) {
    const dt = DateTime.fromISO(rfc3339Text, { setZone: true });
    if (!dt.isValid) throw new Error(`Not an RFC 3339 date-time: ${JSON.stringify(rfc3339Text)}`);
    text = dt.toRFC2822()!;
    rfc822Texts.set(rfc3339Text, text);
  }
  return text;
}
const rfc822Texts = new Map<string, string>();

/**
 * The content of an entry: the article's HTML with relative links made absolute against the
 * article's URL (a feed reader shows it away from the site, and many readers ignore `xml:base`;
 * JSON Feed has none), marked right-to-left when the article is.
 */
export function contentHtml(article: ArticlePage, feed: Pick<FeedData, 'site' | 'bodies'>): string {
  const site = feed.site.url;
  const html = absoluteLinks(feed.bodies.get(article.bodyKey).html, article.canonical, site);
  if (article.dir !== 'rtl') return html;
  // `lang` is a checked BCP 47 tag; the test keeps this wrapper safe even if that ever changed.
  const lang = /^[A-Za-z0-9-]+$/.test(article.lang) ? ` lang="${article.lang}"` : '';
  return `<div dir="rtl"${lang}>${html}</div>`;
}

/** How a format writes an entry's content: as XML text (Atom's `content`, RSS's `content:encoded`), or as a JSON string. */
export type ContentForm = 'xml' | 'json';

/**
 * An article's content (contentHtml) as `form` writes it, or a number standing for that text;
 * empty (`''`) for an empty content, which a format may write differently.
 */
export type FeedContents = (article: ArticlePage, feed: Pick<FeedData, 'site' | 'bodies'>, form: ContentForm) => string | number;

/** contentHtml as `form` writes it (empty for an empty content). */
export function writtenContent(html: string, form: ContentForm): string {
  return html === '' ? '' : form === 'xml' ? xmlText(html) : JSON.stringify(html);
}

/** Every content written out in each feed (a feed as one string: feedFiles, the tests). */
export const contentTexts: FeedContents = (article, feed, form) => writtenContent(contentHtml(article, feed), form);

/**
 * `html` with every relative URL in a URL attribute (rewriteUrls' table, `srcset` included)
 * resolved against `base`, the page's URL; a root-relative one (`/places/af/`) against `site`, as
 * the site's own pages treat it. Scanned as an HTML tokenizer would, not parsed and serialised
 * again: the rest stays byte for byte, and text that merely looks like an attribute is left alone.
 * Values are read with their character references decoded, and written with `&` and `"` escaped.
 */
export function absoluteLinks(html: string, base: string, site: string): string {
  if (!/\b(?:href|src|srcset|poster|cite)="(?![a-z][a-z0-9+.-]*:)/i.test(html)) return html;
  return rewriteUrls(html, (written) => {
    const value = written.includes('&') ? decodeHTMLAttribute(written) : written;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value.trim())) return written;
    const [target, against] = value.startsWith('/') && !value.startsWith('//') ? [value.slice(1), site] : [value, base];
    if (!URL.canParse(target, against)) return written;
    const resolved = new URL(target, against).href;
    return resolved === value ? written : resolved.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;');
  });
}

/**
 * What an entry's text is made with in place of its content, once (entryPieces): no text of a feed
 * holds it as written (xmlText drops NUL; in JSON a string holds no unescaped quote, so a
 * member name before it is found only as the member).
 */
export const CONTENT_MARK = '\u0000content\u0000';

const entryTexts = new WeakMap<ArticlePage, Map<string, [before: string, after: string]>>();

/**
 * An article's entry as a feed prints it: the entry is made once for each article and `key` (the
 * format, and what of the feed it prints: the site's URL or publisher) by `make` given
 * CONTENT_MARK, and each feed's text has `content` (contents' piece for the article) where that
 * text has `mark`, found as `written` (how the format writes the mark, ending with `mark`). An
 * article is printed in the feeds of its places, topics and authors and the site's (about seven
 * feeds of each format at 10,000 articles). An empty content is made whole: a format may write
 * its element differently.
 */
export function entryPieces(
  article: ArticlePage,
  key: string,
  make: (content: string) => string,
  content: string | number,
  written: string,
  mark: string,
): FeedText {
  if (content === '') return [make('')];
  let byKey = entryTexts.get(article);
  if (!byKey) entryTexts.set(article, (byKey = new Map()));
  let parts = byKey.get(key);
  if (!parts) {
    const text = make(CONTENT_MARK);
    const at = text.indexOf(written);
    if (at === -1 || !written.endsWith(mark)) throw new Error(`No content mark in the ${key.split('\0')[0]} entry of ${article.url}`);
    parts = [text.slice(0, at + written.length - mark.length), text.slice(at + written.length)];
    byKey.set(key, parts);
  }
  return [parts[0], content, parts[1]];
}

/**
 * An article's element in an XML feed (Atom's entry, RSS's item) as entryPieces makes it: written
 * once at the depth of `indent` by `element` (given the escaped content, or the mark), its
 * escaped content (contents' piece) put in for each feed.
 */
export function xmlEntry(
  article: ArticlePage,
  feed: Pick<FeedData, 'site' | 'bodies'>,
  contents: FeedContents,
  name: string,
  key: string,
  indent: string,
  element: (content: string) => XmlElement,
): XmlElement {
  const write = (text: string) => {
    const lines: string[] = [];
    xmlLines(element(text), indent, lines);
    return lines.join('\n');
  };
  return { name, pieces: entryPieces(article, key, write, contents(article, feed, 'xml'), CONTENT_MARK, CONTENT_MARK) };
}

/** `lat lon`, as GeoRSS Simple writes a point. */
export function georssPoint(article: ArticlePage): string | undefined {
  const p = article.points[0];
  return p ? `${p.lat} ${p.lon}` : undefined;
}

/** A lead image as Media RSS (`media:content`), in Atom and RSS alike: its address, type, size, caption and credit. */
export function mediaContent(article: ArticlePage): XmlElement[] {
  const image = article.image;
  if (!image) return [];
  const attrs = { url: image.canonical, type: image.type, medium: 'image', width: String(image.width), height: String(image.height) };
  const children = [
    ...(image.caption || image.alt ? [xml('media:description', image.caption ?? image.alt!, { type: 'plain' })] : []),
    ...(image.credit ? [xml('media:credit', image.credit)] : []),
  ];
  return [{ name: 'media:content', attrs, children }];
}
