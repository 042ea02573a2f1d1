import type { ArticlePage } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';
import { contentTexts, type FeedContents, type FeedData, georssPoint, lastChange, mediaContent, rfc3339, xmlEntry } from './feed-data.ts';
import { type FeedText, joinedText } from './feed-text.ts';
import { NS, type XmlElement, xml, xmlPieces } from './xml.ts';

/**
 * An Atom 1.0 feed (RFC 4287). Feed id: the feed's own absolute URL; entry id: the article's
 * canonical URL. Each entry carries its language (`xml:lang`) and base (`xml:base`, so links in
 * the content resolve against the article), the full HTML as `content type="html"`, the excerpt
 * as `summary`, topics as categories and the article's first place as `georss:point`.
 */
export function atomFeed(feed: FeedData): string {
  return joinedText(atomPieces(feed, contentTexts));
}

/** atomFeed in pieces, its entries' contents given by `contents`. */
export function atomPieces(feed: FeedData, contents: FeedContents): FeedText {
  const head: XmlElement[] = [
    xml('id', feed.self.atom),
    xml('title', feed.spec.title, { type: 'text' }),
    ...(feed.site.description ? [xml('subtitle', feed.site.description, { type: 'text' })] : []),
    xml('updated', feed.updated),
    { name: 'author', children: [xml('name', feed.site.publisher), xml('uri', feed.site.url)] },
    xml('link', undefined, { rel: 'self', type: 'application/atom+xml', href: feed.self.atom }),
    xml('link', undefined, { rel: 'alternate', type: 'text/html', href: feed.pageUrl }),
    xml('generator', 'Dateline'),
  ];
  const entries = feed.entries.map((article) =>
    xmlEntry(article, feed, contents, 'entry', `atom\0${feed.site.url}`, '  ', (content) => atomEntry(article, feed, content)),
  );
  const attrs = { xmlns: NS.atom, 'xml:lang': feed.site.lang, 'xmlns:georss': NS.georss, 'xmlns:media': NS.media };
  return xmlPieces({ name: 'feed', attrs, children: [...head, ...entries] });
}

/** An article's Atom entry, its content (escaped) given. */
function atomEntry(article: ArticlePage, feed: FeedData, content: string): XmlElement {
  const point = georssPoint(article);
  const children = [
    xml('id', article.canonical),
    xml('title', article.title, { type: 'text' }),
    xml('link', undefined, { rel: 'alternate', type: 'text/html', hreflang: article.lang, href: article.canonical }),
    xml('published', rfc3339(article.date)),
    xml('updated', rfc3339(lastChange(article))),
    // The byline (else the feed's author, the publisher, stands for every entry).
    ...article.authors.map(
      (a): XmlElement => ({ name: 'author', children: [xml('name', a.name), xml('uri', absoluteUrl(a.url, feed.site.url))] }),
    ),
    ...article.topics.map((topic) => xml('category', undefined, { term: topic.name })),
    ...(article.excerpt ? [xml('summary', article.excerpt, { type: 'text' })] : []),
    { name: 'content', attrs: { type: 'html' }, escaped: content },
    ...(point ? [xml('georss:point', point)] : []),
    ...mediaContent(article),
  ];
  return { name: 'entry', attrs: { 'xml:lang': article.lang, 'xml:base': article.canonical }, children };
}
