import type { ArticlePage } from '../../archive/archive.ts';
import { contentTexts, type FeedContents, type FeedData, georssPoint, mediaContent, rfc822, rfc3339, xmlEntry } from './feed-data.ts';
import { type FeedText, joinedText } from './feed-text.ts';
import { NS, type XmlElement, xml, xmlPieces } from './xml.ts';

/**
 * An RSS 2.0 feed. RSS has no place for a publisher or a language per item, nor for full content,
 * so it uses the usual modules: `dc:publisher` / `dc:creator` (RSS's own author fields need an
 * e-mail address), `dc:language`, `content:encoded`; `atom:link rel="self"` as the RSS Advisory
 * Board recommends; `georss:point` for the article's first place. Dates are RFC 822 with a
 * numeric zone (`Sun, 22 Aug 2021 14:30:00 +0430`). Items carry `xml:base` (the article's URL) so
 * readers that honour it resolve relative links in the content against the article.
 */
export function rssFeed(feed: FeedData): string {
  return joinedText(rssPieces(feed, contentTexts));
}

/** rssFeed in pieces, its items' contents given by `contents`. */
export function rssPieces(feed: FeedData, contents: FeedContents): FeedText {
  const head: XmlElement[] = [
    xml('title', feed.spec.title),
    xml('link', feed.pageUrl),
    xml('description', feed.site.description || feed.spec.title),
    xml('language', feed.site.lang),
    xml('lastBuildDate', rfc822(feed.updated)),
    xml('generator', 'Dateline'),
    xml('docs', 'https://www.rssboard.org/rss-specification'),
    xml('atom:link', undefined, { rel: 'self', type: 'application/rss+xml', href: feed.self.rss }),
    xml('dc:publisher', feed.site.publisher),
  ];
  const items = feed.entries.map((article) =>
    xmlEntry(article, feed, contents, 'item', `rss\0${feed.site.publisher}`, '    ', (content) => rssItem(article, feed, content)),
  );
  const attrs = {
    version: '2.0',
    'xmlns:atom': NS.atom,
    'xmlns:content': NS.content,
    'xmlns:dc': NS.dc,
    'xmlns:georss': NS.georss,
    'xmlns:media': NS.media,
  };
  return xmlPieces({ name: 'rss', attrs, children: [{ name: 'channel', children: [...head, ...items] }] });
}

/** An article's RSS item, its content (escaped) given. */
function rssItem(article: ArticlePage, feed: FeedData, content: string): XmlElement {
  const point = georssPoint(article);
  const children = [
    xml('title', article.title),
    xml('link', article.canonical),
    xml('guid', article.canonical, { isPermaLink: 'true' }),
    xml('pubDate', rfc822(rfc3339(article.date))),
    ...(article.excerpt ? [xml('description', article.excerpt)] : []),
    { name: 'content:encoded', escaped: content },
    ...article.topics.map((topic) => xml('category', topic.name)),
    ...(article.authors.length ? article.authors.map((a) => xml('dc:creator', a.name)) : [xml('dc:creator', feed.site.publisher)]),
    xml('dc:language', article.lang),
    ...(point ? [xml('georss:point', point)] : []),
    ...mediaContent(article),
  ];
  // xml:base, as in Atom: relative links in the content (footnotes) resolve against the article.
  return { name: 'item', attrs: { 'xml:base': article.canonical }, children };
}
