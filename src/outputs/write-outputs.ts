import type { Archive } from '../archive/archive.ts';
import type { Bodies } from '../markdown/bodies.ts';
import { exportsOutline, writeExports } from './exports/write-exports.ts';
import { writeFeeds } from './feeds/write-feeds.ts';
import type { FileWriter } from './file-writer.ts';
import { webManifestOutline, writeWebManifest } from './icons/site-icons.ts';
import { sitemapOutline, writeSitemap } from './sitemap/write-sitemap.ts';

/**
 * Writes one kind of output (feeds, sitemap, exports…) for the archive into `dir`, its files
 * through `writer` (or, for a few large ones, streamed); returns the number of files.
 */
export type OutputWriter = (archive: Archive, dir: string, bodies: Bodies, writer: FileWriter) => Promise<number>;

/**
 * The files one writer makes (site-relative paths, written or kept together) and a string of
 * everything that decides their bytes besides Dateline's code and the site's settings.
 */
export type OutputOutline = (archive: Archive) => { files: string[]; inputs: string };

/**
 * Every output besides the pages and the search index, in the order they are written.
 * They write into the same temporary folder as the pages, so they are swapped in, or discarded,
 * together. The search index (writeSearchIndex) is written meanwhile, by Pagefind's process on
 * the other core (see run-build.ts). A writer with an outline is skipped when the build took its
 * files from the previous site; the feeds are chosen one by one (`archive.feeds`).
 */
export const WRITERS: { name: string; write: OutputWriter; outline?: OutputOutline }[] = [
  { name: 'exports', write: writeExports, outline: exportsOutline },
  { name: 'feeds', write: writeFeeds },
  { name: 'sitemap', write: writeSitemap, outline: sitemapOutline },
  { name: 'manifest', write: writeWebManifest, outline: webManifestOutline },
];

/** Times one stage of the build (the build report lists each). */
export type TimeStage = <T>(stage: string, f: () => Promise<T>) => Promise<T>;

/**
 * Runs every output writer but those named in `skip`, each timed as a stage of its own; returns
 * the number of files written.
 */
export async function writeOutputs(
  archive: Archive,
  bodies: Bodies,
  dir: string,
  writer: FileWriter,
  time: TimeStage = (_, f) => f(),
  skip: ReadonlySet<string> = new Set(),
): Promise<number> {
  let files = 0;
  for (const { name, write } of WRITERS) if (!skip.has(name)) files += await time(name, () => write(archive, dir, bodies, writer));
  return files;
}
