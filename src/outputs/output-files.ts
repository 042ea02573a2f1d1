// Writing the site's files: where an output URL's file is, and writing many at a time.
import { relative, resolve, sep } from 'node:path';
import type { FileWriter } from './file-writer.ts';

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

/**
 * Writes each `[url, content]` at the file of its URL in `dir`, through the site's file writer.
 * The files are taken from `files` as the writer takes them, so a lazy list holds few in memory.
 */
export async function writeFiles(dir: string, files: Iterable<[string, string]>, writer: FileWriter): Promise<number> {
  let count = 0;
  for (const [url, content] of files) {
    await writer.write(outputFile(dir, url), content);
    count++;
  }
  return count;
}
