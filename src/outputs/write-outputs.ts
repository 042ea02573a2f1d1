import type { Archive } from '../archive/archive.ts';
import { writeFeeds } from './feeds/write-feeds.ts';
import { writeSitemap } from './sitemap/write-sitemap.ts';
import { writeExports } from './exports/write-exports.ts';

/** Writes one kind of output (feeds, sitemap, exports…) for the archive into `dir`; returns the number of files. */
export type OutputWriter = (archive: Archive, dir: string) => Promise<number>;

/**
 * Every output besides the Eleventy pages and the search index, in the order they are written.
 * They write into the same temporary folder as the pages, so they are swapped in, or discarded,
 * together. The search index (writeSearchIndex) is written meanwhile, by Pagefind's process on
 * the other core (see run-build.ts).
 */
const WRITERS: [name: string, write: OutputWriter][] = [
  ['exports', writeExports],
  ['feeds', writeFeeds],
  ['sitemap', writeSitemap],
];

/** Times one stage of the build (the build report lists each). */
export type TimeStage = <T>(stage: string, f: () => Promise<T>) => Promise<T>;

/** Runs every output writer, each timed as a stage of its own; returns the number of files written. */
export async function writeOutputs(archive: Archive, dir: string, time: TimeStage = (_, f) => f()): Promise<number> {
  let files = 0;
  for (const [name, write] of WRITERS) files += await time(name, () => write(archive, dir));
  return files;
}
