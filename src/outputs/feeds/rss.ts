import { contentHtml, georssPoint, rfc3339, rfc822, type FeedData } from './feed-data.ts';
import { NS, serialize, text, xmlDocument, type XMLBuilder } from './xml.ts';

/**
 * An RSS 2.0 feed. RSS has no place for a publisher or a language per item, nor for full content,
 * so it uses the usual modules: `dc:publisher` / `dc:creator` (RSS's own author fields need an
 * e-mail address), `dc:language`, `content:encoded`; `atom:link rel="self"` as the RSS Advisory
 * Board recommends; `georss:point` for the article's first place. Dates are RFC 822 with a
 * numeric zone (`Sun, 22 Aug 2021 14:30:00 +0430`). Items carry `xml:base` (the article's URL) so
 * readers that honour it resolve relative links in the content against the article.
 */
export function rssFeed(feed: FeedData): string {
  const doc = xmlDocument();
  const rss = doc
    .ele('rss')
    .att('version', '2.0')
    .att(NS.xmlns, 'xmlns:atom', NS.atom)
    .att(NS.xmlns, 'xmlns:content', NS.content)
    .att(NS.xmlns, 'xmlns:dc', NS.dc)
    .att(NS.xmlns, 'xmlns:georss', NS.georss);
  const el = (parent: XMLBuilder, name: string, value: string, attrs: Record<string, string> = {}) => {
    const node = parent.ele(name);
    for (const [k, v] of Object.entries(attrs)) node.att(k, text(v));
    return node.txt(text(value));
  };
  const ns = (parent: XMLBuilder, namespace: string, name: string, value: string) => parent.ele(namespace, name).txt(text(value));

  const channel = rss.ele('channel');
  el(channel, 'title', feed.spec.title);
  el(channel, 'link', feed.pageUrl);
  el(channel, 'description', feed.site.description || feed.spec.title);
  el(channel, 'language', feed.site.lang);
  el(channel, 'lastBuildDate', rfc822(feed.updated));
  el(channel, 'generator', 'Dateline');
  el(channel, 'docs', 'https://www.rssboard.org/rss-specification');
  channel.ele(NS.atom, 'atom:link').att('rel', 'self').att('type', 'application/rss+xml').att('href', text(feed.self.rss));
  ns(channel, NS.dc, 'dc:publisher', feed.site.publisher);

  for (const article of feed.entries) {
    // xml:base, as in Atom: relative links in the content (footnotes) resolve against the article.
    const item = channel.ele('item').att(NS.xml, 'xml:base', text(article.canonical));
    el(item, 'title', article.title);
    el(item, 'link', article.canonical);
    el(item, 'guid', article.canonical, { isPermaLink: 'true' });
    el(item, 'pubDate', rfc822(rfc3339(article.date)));
    if (article.excerpt) el(item, 'description', article.excerpt);
    ns(item, NS.content, 'content:encoded', contentHtml(article, feed));
    for (const topic of article.topics) el(item, 'category', topic.name);
    ns(item, NS.dc, 'dc:creator', feed.site.publisher);
    ns(item, NS.dc, 'dc:language', article.lang);
    const point = georssPoint(article);
    if (point) ns(item, NS.georss, 'georss:point', point);
  }
  return serialize(doc);
}
