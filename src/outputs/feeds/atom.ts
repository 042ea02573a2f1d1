import { contentHtml, georssPoint, lastChange, rfc3339, type FeedData } from './feed-data.ts';
import { NS, serialize, text, xmlDocument } from './xml.ts';

/**
 * An Atom 1.0 feed (RFC 4287). Feed id: the feed's own absolute URL; entry id: the article's
 * canonical URL. Each entry carries its language (`xml:lang`) and base (`xml:base`, so links in
 * the content resolve against the article), the full HTML as `content type="html"`, the excerpt
 * as `summary`, topics as categories and the article's first place as `georss:point`.
 */
export function atomFeed(feed: FeedData): string {
  const doc = xmlDocument();
  const root = doc.ele(NS.atom, 'feed').att(NS.xml, 'xml:lang', text(feed.site.lang)).att(NS.xmlns, 'xmlns:georss', NS.georss);
  const el = (parent: typeof root, name: string, value?: string, attrs: Record<string, string> = {}) => {
    const node = parent.ele(NS.atom, name);
    for (const [k, v] of Object.entries(attrs)) node.att(k, text(v));
    if (value !== undefined) node.txt(text(value));
    return node;
  };

  el(root, 'id', feed.self.atom);
  el(root, 'title', feed.spec.title, { type: 'text' });
  if (feed.site.description) el(root, 'subtitle', feed.site.description, { type: 'text' });
  el(root, 'updated', feed.updated);
  const author = el(root, 'author');
  el(author, 'name', feed.site.publisher);
  el(author, 'uri', feed.site.url);
  el(root, 'link', undefined, { rel: 'self', type: 'application/atom+xml', href: feed.self.atom });
  el(root, 'link', undefined, { rel: 'alternate', type: 'text/html', href: feed.pageUrl });
  el(root, 'generator', 'Dateline');

  for (const article of feed.entries) {
    const entry = el(root, 'entry').att(NS.xml, 'xml:lang', text(article.lang)).att(NS.xml, 'xml:base', text(article.canonical));
    el(entry, 'id', article.canonical);
    el(entry, 'title', article.title, { type: 'text' });
    el(entry, 'link', undefined, { rel: 'alternate', type: 'text/html', hreflang: article.lang, href: article.canonical });
    el(entry, 'published', rfc3339(article.date));
    el(entry, 'updated', rfc3339(lastChange(article)));
    for (const topic of article.topics) el(entry, 'category', undefined, { term: topic.name });
    if (article.excerpt) el(entry, 'summary', article.excerpt, { type: 'text' });
    el(entry, 'content', contentHtml(article, feed), { type: 'html' });
    const point = georssPoint(article);
    if (point) entry.ele(NS.georss, 'georss:point').txt(text(point));
  }
  return serialize(doc);
}
