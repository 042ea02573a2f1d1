import type { Archive } from '../../archive/archive.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { writeFiles } from '../output-files.ts';
import type { OutputWriter } from '../write-outputs.ts';
import { atomFeed } from './atom.ts';
import { articleIndex, feedData } from './feed-data.ts';
import { jsonFeed } from './json-feed.ts';
import { rssFeed } from './rss.ts';

/**
 * Every feed of the archive as `[root-relative URL, content]`, in the model's order: Atom, RSS
 * and JSON Feed of each spec. Lazy, so a large archive holds one feed in memory at a time.
 */
export function* feedFiles(archive: Archive, bodies: Bodies): Generator<[string, string]> {
  const index = articleIndex(archive);
  for (const spec of archive.feeds) {
    const feed = feedData(archive, spec, index, bodies);
    yield [spec.urls.atom, atomFeed(feed)];
    yield [spec.urls.rss, rssFeed(feed)];
    yield [spec.urls.json, jsonFeed(feed)];
  }
}

/** Writes the Atom, RSS and JSON feed of every `archive.feeds` spec at its URL. */
export const writeFeeds: OutputWriter = (archive, dir, bodies, writer) => writeFiles(dir, feedFiles(archive, bodies), writer);
