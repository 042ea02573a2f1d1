// Writing the site's files: where an output URL's file is, and writing many at a time.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import pMap from 'p-map';

/**
 * The file of a root-relative URL (`/places/af/feed.xml`) in the output folder. Refuses anything
 * but plain lowercase path segments, so no output can land outside the folder.
 */
export function outputFile(dir: string, url: string): string {
  const segments = url.split('/').slice(1);
  const ok =
    url.startsWith('/') &&
    segments.length > 0 &&
    segments.every((s, i) => (i === segments.length - 1 ? /^[a-z0-9][a-z0-9._-]*$/ : /^[a-z0-9][a-z0-9-]*$/).test(s) && !s.includes('..'));
  const file = resolve(dir, ...segments);
  const inside = relative(resolve(dir), file);
  if (!ok || inside.startsWith('..') || inside.startsWith(sep))
    throw new Error(`Refusing to write output URL ${JSON.stringify(url)}: not a plain file path inside the site.`);
  return file;
}

/** Files written at a time (through libuv's thread pool, while the next ones are made). */
export const WRITING = 16;

/**
 * Makes folders, each once however many files go into it (asking again for every page cost 2 s
 * of 10,000 articles' 25).
 */
export function folderMaker(): (dir: string) => Promise<unknown> {
  const folders = new Map<string, Promise<unknown>>();
  return (dir) => {
    let made = folders.get(dir);
    if (!made) folders.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
}

/**
 * Writes each `[url, content]` at the file of its URL in `dir`, creating folders (each once).
 * The files are taken from `files` as writes finish, so a lazy list holds a few in memory; one
 * written after another left the main thread waiting on each (the feeds of 1,000 articles: 2 s
 * of 3.4 idle).
 */
export async function writeFiles(dir: string, files: Iterable<[string, string]>): Promise<number> {
  const folder = folderMaker();
  let count = 0;
  await pMap(
    files,
    async ([url, content]) => {
      const file = outputFile(dir, url);
      await folder(dirname(file));
      await writeFile(file, content, 'utf8');
      count++;
    },
    { concurrency: WRITING },
  );
  return count;
}
