import { writeSearchIndex } from './search/write-search-index.ts';
import type { Archive } from '../archive/archive.ts';
import { writeFeeds } from './feeds/write-feeds.ts';
import { writeSitemap } from './sitemap/write-sitemap.ts';
import { writeExports } from './exports/write-exports.ts';

/** Writes one kind of output (feeds, sitemap, exports…) for the archive into `dir`; returns the number of files. */
export type OutputWriter = (archive: Archive, dir: string) => Promise<number>;

/**
 * Every output besides the Eleventy pages, in the order they are written. They write into the
 * same temporary folder as the pages, so they are swapped in, or discarded, together.
 */
const WRITERS: OutputWriter[] = [writeExports, writeFeeds, writeSitemap, writeSearchIndex];

/** Runs every output writer; returns the number of files written. */
export async function writeOutputs(archive: Archive, dir: string): Promise<number> {
  let files = 0;
  for (const write of WRITERS) files += await write(archive, dir);
  return files;
}
