import type { ArticlePage, GeoPoint } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';
import { CONTENT_MARK, contentHtml, contentTexts, entryPieces, type FeedContents, type FeedData, rfc3339 } from './feed-data.ts';
import { type FeedText, joinedText, joinPieces } from './feed-text.ts';

/**
 * The `_geo` extension of a JSON Feed item: where the article is filed. It is a GeoJSON Point
 * geometry (RFC 7946: `coordinates` are `[longitude, latitude]`, WGS 84) of the article's first
 * place, with members of its own, as RFC 7946 §6.1 allows:
 *
 * ```json
 * "_geo": {
 *   "about": "https://www.rfc-editor.org/rfc/rfc7946",
 *   "type": "Point",
 *   "coordinates": [69.26019, 35.63348],
 *   "name": "Banu",
 *   "url": "https://dateline.example.org/places/af/baghlan/banu/",
 *   "others": [
 *     { "type": "Point", "coordinates": [69.47134, 35.61794], "name": "Pol-e-Hesar", "url": "…/places/af/baghlan/pol-e-hesar/" }
 *   ]
 * }
 * ```
 *
 * `name` and `url` are the place and its page (for a place without coordinates of its own, the
 * point is its nearest ancestor's); `others` lists the article's further places in the same
 * shape, only when it names several. Items with no located place have no `_geo`.
 */
export interface GeoExtension extends GeoPointJson {
  about: string;
  others?: GeoPointJson[];
}

export interface GeoPointJson {
  type: 'Point';
  coordinates: [number, number];
  name: string;
  url: string;
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  language: string;
  authors: { name: string; url: string }[];
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  date_published: string;
  date_modified?: string;
  tags?: string[];
  authors?: { name: string; url: string }[];
  image?: string;
  language: string;
  _geo?: GeoExtension;
}

/** A JSON Feed 1.1 (https://jsonfeed.org/version/1.1), as an object. */
export function jsonFeedObject(feed: FeedData): JsonFeed {
  return { ...jsonFeedHead(feed), items: feed.entries.map((article) => jsonFeedItem(article, feed, contentHtml(article, feed))) };
}

/** The feed's members before its items. */
function jsonFeedHead(feed: FeedData): Omit<JsonFeed, 'items'> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.spec.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.self.json,
    ...(feed.site.description ? { description: feed.site.description } : {}),
    language: feed.site.lang,
    authors: [{ name: feed.site.publisher, url: feed.site.url }],
  };
}

/** An article's item, its content (HTML) given. */
function jsonFeedItem(article: ArticlePage, feed: FeedData, content: string): JsonFeedItem {
  const base = feed.site.url;
  const geoPoint = (p: GeoPoint): GeoPointJson => ({
    type: 'Point',
    coordinates: [p.lon, p.lat],
    name: p.name,
    url: absoluteUrl(p.url, base),
  });
  const [first, ...others] = article.points;
  const geo: GeoExtension | undefined = first && {
    about: 'https://www.rfc-editor.org/rfc/rfc7946',
    ...geoPoint(first),
    ...(others.length ? { others: others.map(geoPoint) } : {}),
  };
  return {
    id: article.canonical,
    url: article.canonical,
    title: article.title,
    ...(article.excerpt ? { summary: article.excerpt } : {}),
    content_html: content,
    date_published: rfc3339(article.date),
    ...(article.updated ? { date_modified: rfc3339(article.updated) } : {}),
    ...(article.topics.length ? { tags: article.topics.map((t) => t.name) } : {}),
    ...(article.image ? { image: article.image.canonical } : {}),
    ...(article.authors.length ? { authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(a.url, base) })) } : {}),
    language: article.lang,
    ...(geo ? { _geo: geo } : {}),
  };
}

/** How an item's content member is written (JSON.stringify, two-space indented, as an item of the feed), before its value. */
const CONTENT_MEMBER = '"content_html": ';

/**
 * The JSON Feed as text: two-space indented, keys in a fixed order, ending with a newline; what
 * JSON.stringify writes of jsonFeedObject, each item written once for every feed (entryPieces).
 */
export function jsonFeed(feed: FeedData): string {
  return joinedText(jsonFeedPieces(feed, contentTexts));
}

/** jsonFeed in pieces, its items' contents given by `contents`. */
export function jsonFeedPieces(feed: FeedData, contents: FeedContents): FeedText {
  const head = JSON.stringify({ ...jsonFeedHead(feed), items: [] }, null, 2);
  if (feed.entries.length === 0) return [`${head}\n`];
  const items = feed.entries.map((article) => {
    // An item is the feed's member `items`' element: indented two levels.
    const item = (content: string) => JSON.stringify(jsonFeedItem(article, feed, content), null, 2).replace(/^/gm, '    ');
    const mark = JSON.stringify(CONTENT_MARK);
    return entryPieces(article, `json\0${feed.site.url}`, item, contents(article, feed, 'json'), CONTENT_MEMBER + mark, mark);
  });
  return joinPieces([`${head.slice(0, -'[]\n}'.length)}[`, joinPieces(items, ',\n'), '  ]\n}\n'], '\n');
}
