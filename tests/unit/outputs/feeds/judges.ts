/**
 * Independent judges of feeds and sitemaps, shared by the unit and build tests: libxml2's
 * xmllint (well-formedness, XML Schema), two feed parsers from npm (feedparser on sax, rss-parser
 * on xml2js), the npm `sitemap` package's parser and schema, and structural checks of JSON Feed
 * 1.1 and of sitemap URLs. None of them is Dateline code; judges.test.ts shows each can fail.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import RssParser from 'rss-parser';
import { parseSitemap, parseSitemapIndex } from 'sitemap';
import { memoryPages, validateXML } from 'xmllint-wasm';

/** The sitemaps.org 0.9 schema, as shipped by the npm `sitemap` package. */
export const SITEMAP_XSD = join(dirname(createRequire(import.meta.url).resolve('sitemap/package.json')), 'schema/sitemap.xsd');
/**
 * That schema with XHTML's link, which a sitemap's language versions use (`<xhtml:link
 * hreflang>`); its imports, preloaded by name (xmllint fetches nothing).
 */
export const SITEMAP_ALTERNATES_XSD = {
  schema: join(import.meta.dirname, '../../../fixtures/xsd/sitemap-with-alternates.xsd'),
  preload: [SITEMAP_XSD, join(import.meta.dirname, '../../../fixtures/xsd/xhtml-link.xsd')],
};

export interface XmllintResult {
  ok: boolean;
  errors: string;
}

/**
 * Runs libxml2's xmllint, compiled to WebAssembly (the npm package xmllint-wasm, so no system
 * package is needed), on an XML text; with `schema`, validates against that XSD file. It has no
 * network: an external entity or schema import is never fetched.
 */
export async function xmllint(xml: string, options: { schema?: string; preload?: string[] } = {}): Promise<XmllintResult> {
  const schema = options.schema ? [{ fileName: 'schema.xsd', contents: readFileSync(options.schema, 'utf8') }] : [];
  const result = await validateXML({
    xml: [{ fileName: 'input.xml', contents: xml }],
    schema,
    preload: (options.preload ?? []).map((file) => ({ fileName: basename(file), contents: readFileSync(file, 'utf8') })),
    maxMemoryPages: 256 * memoryPages.MiB,
  });
  return { ok: result.valid, errors: result.rawOutput };
}

/**
 * xmllint over many documents in one run (each call of xmllint-wasm starts a worker and its
 * WebAssembly, about 0.1 s): whether each is well-formed, with its own error lines.
 */
export async function xmllintAll(documents: Record<string, string>): Promise<Record<string, XmllintResult>> {
  const names = Object.keys(documents);
  const result = await validateXML({
    xml: names.map((name, i) => ({ fileName: `doc-${i}.xml`, contents: documents[name]! })),
    schema: [],
    maxMemoryPages: 256 * memoryPages.MiB,
  });
  const lines = result.rawOutput.split('\n');
  const results: Record<string, XmllintResult> = Object.fromEntries(
    names.map((name, i) => {
      const own = lines.filter((line) => line.startsWith(`doc-${i}.xml:`));
      return [name, { ok: own.length === 0, errors: own.join('\n') }];
    }),
  );
  // xmllint's own verdict must agree: a failure this parsing cannot place is not a pass.
  if (result.valid !== Object.values(results).every((r) => r.ok))
    throw new Error(`xmllint's output could not be read per document:\n${result.rawOutput}`);
  return results;
}

export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Parses an Atom or RSS feed with feedparser (sax, its default lenient-name mode). */
export async function parseWithFeedparser(xml: string): Promise<ParsedFeed> {
  const parser = new FeedParser({});
  const items: FeedParser.Item[] = [];
  let meta: FeedParser.Meta | undefined;
  await new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('meta', (m) => (meta = m));
    parser.on('readable', function (this: FeedParser) {
      for (let item = this.read(); item; item = this.read()) items.push(item);
    });
    parser.on('end', () => resolve());
    parser.end(xml);
  });
  if (!meta) throw new Error('feedparser found no feed');
  return { meta, items };
}

export type RssParserItem = RssParser.Item & {
  id?: string;
  published?: string;
  updated?: string;
  'georss:point'?: string;
  'dc:language'?: string;
  'content:encoded'?: string;
};

/** Parses an Atom or RSS feed with rss-parser (xml2js, strict XML). */
export async function parseWithRssParser(xml: string): Promise<RssParser.Output<RssParserItem>> {
  const parser = new RssParser<Record<string, unknown>, RssParserItem>({
    customFields: { item: ['georss:point', 'published', 'updated', 'dc:language', 'id'] },
  });
  return parser.parseString(xml);
}

/** RFC 3339 date-time with a zone: `Z` or a numeric offset. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** RFC 822 date-time with a numeric zone, as RSS 2.0 wants (`Sun, 22 Aug 2021 14:30:00 +0430`). */
export const RFC822 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/**
 * Structural problems of a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1): required
 * members and their types, ids unique, dates RFC 3339 with a zone, URLs absolute, extension
 * names starting with `_`. Returns the list of problems (empty when valid).
 */
export function jsonFeedProblems(feed: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isAbsoluteUrl = (v: unknown) => typeof v === 'string' && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol);
  if (!isObject(feed)) return ['the feed is not an object'];
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push(`version is ${JSON.stringify(feed.version)}`);
  if (typeof feed.title !== 'string' || !feed.title) problems.push('title is missing');
  for (const key of ['home_page_url', 'feed_url'] as const)
    if (feed[key] !== undefined && !isAbsoluteUrl(feed[key])) problems.push(`${key} is not an absolute URL`);
  if (feed.authors !== undefined && !(Array.isArray(feed.authors) && feed.authors.every((a) => isObject(a) && typeof a.name === 'string')))
    problems.push('authors is not a list of {name}');
  if (!Array.isArray(feed.items)) return [...problems, 'items is not a list'];
  const known = new Set([
    'version',
    'title',
    'home_page_url',
    'feed_url',
    'description',
    'user_comment',
    'next_url',
    'icon',
    'favicon',
    'authors',
    'language',
    'expired',
    'hubs',
    'items',
  ]);
  for (const key of Object.keys(feed)) if (!known.has(key) && !key.startsWith('_')) problems.push(`unknown top-level member ${key}`);
  const ids = new Set<string>();
  const itemKeys = new Set([
    'id',
    'url',
    'external_url',
    'title',
    'content_html',
    'content_text',
    'summary',
    'image',
    'banner_image',
    'date_published',
    'date_modified',
    'authors',
    'tags',
    'language',
    'attachments',
  ]);
  feed.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!isObject(item)) {
      problems.push(`${at} is not an object`);
      return;
    }
    if (typeof item.id !== 'string' || !item.id) problems.push(`${at}.id is not a non-empty string`);
    else if (ids.has(item.id)) problems.push(`${at}.id ${item.id} is repeated`);
    else ids.add(item.id);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string')
      problems.push(`${at} has neither content_html nor content_text`);
    for (const key of ['date_published', 'date_modified'] as const) {
      const value = item[key];
      if (value !== undefined && !(typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value))))
        problems.push(`${at}.${key} ${JSON.stringify(value)} is not RFC 3339 with a zone`);
    }
    if (item.url !== undefined && !isAbsoluteUrl(item.url)) problems.push(`${at}.url is not an absolute URL`);
    if (item.tags !== undefined && !(Array.isArray(item.tags) && item.tags.every((t) => typeof t === 'string')))
      problems.push(`${at}.tags is not a list of strings`);
    if (item.language !== undefined && typeof item.language !== 'string') problems.push(`${at}.language is not a string`);
    for (const key of Object.keys(item)) if (!itemKeys.has(key) && !key.startsWith('_')) problems.push(`${at} has unknown member ${key}`);
  });
  return problems;
}

/** Problems of the `_geo` extension of an item (see src/outputs/feeds/json-feed.ts). */
export function geoProblems(geo: unknown): string[] {
  const problems: string[] = [];
  const point = (p: unknown, at: string) => {
    const g = p as Record<string, unknown>;
    if (typeof g !== 'object' || g === null || g.type !== 'Point') return void problems.push(`${at} is not a GeoJSON Point`);
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length !== 2 || !c.every((n) => typeof n === 'number' && Number.isFinite(n)))
      return void problems.push(`${at}.coordinates is not [lon, lat]`);
    const [lon, lat] = c as [number, number];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) problems.push(`${at}.coordinates ${JSON.stringify(c)} is out of range`);
    if (typeof g.name !== 'string' || typeof g.url !== 'string' || !URL.canParse(g.url)) problems.push(`${at} lacks name or absolute url`);
  };
  point(geo, '_geo');
  const others = (geo as { others?: unknown } | null)?.others;
  if (others !== undefined) {
    if (!Array.isArray(others) || others.length === 0) problems.push('_geo.others is not a non-empty list');
    else {
      others.forEach((p, i) => {
        point(p, `_geo.others[${i}]`);
      });
    }
  }
  return problems;
}

/** The `<url>`s of a sitemap as the npm `sitemap` package's parser (sax, strict) reads them. */
export async function parseSitemapXml(xml: string): Promise<{ url: string; lastmod?: string }[]> {
  const items = await parseSitemap(Readable.from([xml]));
  return items.map((i) => (i.lastmod === undefined ? { url: i.url } : { url: i.url, lastmod: i.lastmod }));
}

/** The `<sitemap>`s of a sitemap index, read by the same package. */
export async function parseSitemapIndexXml(xml: string): Promise<{ url: string; lastmod?: string }[]> {
  return (await parseSitemapIndex(Readable.from([xml]))).map((i) =>
    i.lastmod === undefined ? { url: i.url } : { url: i.url, lastmod: i.lastmod },
  );
}

/**
 * What the sitemaps.org XSD cannot see: `xsd:anyURI` accepts relative references, so each `<loc>`
 * must also be an absolute http(s) URL on the site's base URL.
 */
export function locProblems(locs: readonly string[], base: string): string[] {
  return locs.flatMap((loc) => {
    if (!URL.canParse(loc)) return [`${loc} is not an absolute URL`];
    const url = new URL(loc);
    if (!/^https?:$/.test(url.protocol)) return [`${loc} is not http(s)`];
    if (url.href !== loc) return [`${loc} is not in normal form (${url.href})`];
    if (!loc.startsWith(base)) return [`${loc} is not on ${base}`];
    return [];
  });
}
