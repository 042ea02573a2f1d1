import type { Archive, ArticlePage } from '../../archive/archive.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { outputFile } from '../output-files.ts';
import type { OutputWriter } from '../write-outputs.ts';
import { atomPieces } from './atom.ts';
import { articleIndex, contentHtml, contentTexts, type FeedContents, feedData, writtenContent } from './feed-data.ts';
import { type FeedText, joinedText } from './feed-text.ts';
import { jsonFeedPieces } from './json-feed.ts';
import { rssPieces } from './rss.ts';

/**
 * Every feed of the archive as `[root-relative URL, text]`, in the model's order: Atom, RSS
 * and JSON Feed of each spec, their articles' contents given by `contents`. Lazy, so a large
 * archive holds one feed in memory at a time.
 */
function* feedTexts(archive: Archive, bodies: Bodies, contents: FeedContents): Generator<[string, FeedText]> {
  const index = articleIndex(archive);
  for (const spec of archive.feeds) {
    const feed = feedData(archive, spec, index, bodies);
    yield [spec.urls.atom, atomPieces(feed, contents)];
    yield [spec.urls.rss, rssPieces(feed, contents)];
    yield [spec.urls.json, jsonFeedPieces(feed, contents)];
  }
}

/** Every feed of the archive as `[root-relative URL, content]` (feedTexts, each joined). */
export function* feedFiles(archive: Archive, bodies: Bodies): Generator<[string, string]> {
  for (const [url, text] of feedTexts(archive, bodies, contentTexts)) yield [url, joinedText(text)];
}

/**
 * Writes the Atom, RSS and JSON feed of every `archive.feeds` spec at its URL. An article's
 * content (the most of its entry: at 10,000 articles, 200 MB of feeds for 7,000 articles in them)
 * is written as XML text and as JSON once, and handed to the writer's thread once, where it is
 * encoded once: each feed is sent as its own text and the numbers of the contents it prints
 * (FileWriter `share`). The contents are let go once the feeds are written.
 */
export const writeFeeds: OutputWriter = async (archive, dir, bodies, writer) => {
  const shared = new Map<ArticlePage, { site: string; html?: string; xml?: string | number; json?: string | number }>();
  const contents: FeedContents = (article, feed, form) => {
    let known = shared.get(article);
    // An article in the feeds of several sites (languages) is shared in the last one's links.
    if (known?.site !== feed.site.url) shared.set(article, (known = { site: feed.site.url }));
    let written = known[form];
    if (written === undefined) {
      known.html ??= contentHtml(article, feed);
      const text = writtenContent(known.html, form);
      written = known[form] = text === '' ? '' : writer.share(text);
      // Atom and RSS print the XML, the JSON Feed the JSON: the HTML is needed no longer.
      if (known.xml !== undefined && known.json !== undefined) known.html = undefined;
    }
    return written;
  };
  let count = 0;
  for (const [url, text] of feedTexts(archive, bodies, contents)) {
    await writer.write(outputFile(dir, url), text);
    count++;
  }
  writer.forget();
  return count;
};
