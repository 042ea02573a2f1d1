import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaInfo } from '../archive/archive.ts';
import { mediaSrcset, mediaUrl, variantWidths } from '../archive/urls.ts';
import type { BodyImageAt } from '../content/validate-article.ts';
import type { BodyImages } from '../markdown/body-images.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { type FileStamp, type MediaFile, sameStamp } from './read-project.ts';

const MEDIA_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

/**
 * Whether every image file the last build read (its cache) is as it was then: when one changed
 * or went, that build's model names images it no longer has, and a body-only build must not
 * reuse it. Read before this build reads any image.
 */
export async function mediaUnchanged(cacheDir: string, media: readonly MediaFile[]): Promise<boolean> {
  const cache = await readCache(cacheDir);
  const now = new Map(media.map((m) => [m.file, m.stamp]));
  return Object.entries(cache).every(([file, { stamp }]) => {
    const current = now.get(file);
    return current !== undefined && sameStamp(stamp, current);
  });
}

/** The media cache: each image file's stamp when it was read, and what was read of it. */
type MediaCache = Record<string, { stamp: FileStamp; info: MediaInfo }>;
const MEDIA_CACHE = 'media.json';

const readCache = async (cacheDir: string): Promise<MediaCache> => ((await readJsonFile(join(cacheDir, MEDIA_CACHE))) ?? {}) as MediaCache;

/** What the last build read of every image it used (the cache), for a model made again from its state. */
export async function cachedMediaInfo(cacheDir: string): Promise<Record<string, MediaInfo>> {
  const cache = await readCache(cacheDir);
  return Object.fromEntries(Object.entries(cache).map(([file, { info }]) => [file, info]));
}

/**
 * The content hash, type and size in pixels of each image of `used` (files of `media`): read
 * with sharp, or taken from the cache when the file's stamp is the one it had then. Only the
 * images articles use are read, once each; the cache keeps, and `infos` gives, what is known of
 * every file still as it was.
 */
export async function readMediaInfo(
  media: readonly MediaFile[],
  used: ReadonlySet<string>,
  cacheDir?: string,
): Promise<{ infos: Record<string, MediaInfo>; unreadable: Map<string, string> }> {
  const cache = cacheDir ? await readCache(cacheDir) : {};
  const next: MediaCache = {};
  const infos: Record<string, MediaInfo> = {};
  // Files that are not the images their names say (a text file saved as .jpg): the build says so.
  const unreadable = new Map<string, string>();
  let sharp: typeof import('sharp').default | undefined;
  for (const m of media) {
    const known = cache[m.file];
    const same = known && sameStamp(known.stamp, m.stamp);
    // Kept while the file is the same, used now or not (a build of changed articles uses a few):
    // what is known of every image, for the pages of a model made before.
    if (same) {
      next[m.file] = known;
      infos[m.file] = known.info;
    }
    if (same || !used.has(m.file)) continue;
    const bytes = await readFile(m.path);
    sharp ??= (await import('sharp')).default;
    const meta = await sharp(bytes)
      .metadata()
      .catch((error: Error) => {
        unreadable.set(m.file, error.message);
        return undefined;
      });
    if (!meta?.width || !meta.height) {
      if (!unreadable.has(m.file)) unreadable.set(m.file, 'it has no width and height');
      continue;
    }
    const ext = m.file.slice(m.file.lastIndexOf('.') + 1).toLowerCase();
    const info: MediaInfo = {
      hash: createHash('sha256').update(bytes).digest('hex').slice(0, 20),
      width: meta.autoOrient?.width ?? meta.width,
      height: meta.autoOrient?.height ?? meta.height,
      // By the extension, which the file is served by (sharp says `heif` for AVIF).
      type: MEDIA_TYPES[ext] ?? `image/${meta.format}`,
      ext,
    };
    next[m.file] = { stamp: m.stamp, info };
    infos[m.file] = info;
  }
  if (cacheDir) await writeJsonFile(join(cacheDir, MEDIA_CACHE), next);
  return { infos, unreadable };
}

/**
 * The smaller WebP copies of an image (variantWidths), made once each into `dir` (the cache's
 * media folder, named by the image's hash and the width) and kept there: their site paths
 * (`media/<hash>-640.webp`) and their files.
 */
export async function mediaVariants(info: MediaInfo, source: string, dir: string): Promise<[string, string][]> {
  const made: [string, string][] = [];
  for (const width of variantWidths(info)) {
    const name = `${info.hash}-${width}.webp`;
    const file = join(dir, name);
    if (!existsSync(file)) {
      const { default: sharp } = await import('sharp');
      await mkdir(dir, { recursive: true });
      // Written aside and renamed: an interrupted build never leaves half a copy to be taken.
      const partial = `${file}.partial-${process.pid}`;
      await sharp(source).autoOrient().resize({ width }).webp({ quality: 80 }).toFile(partial);
      await rename(partial, file);
    }
    made.push([`media/${name}`, file]);
  }
  return made;
}

/**
 * What a body's render is given of its images (BodyImages): each address as written, with its
 * copy's address in the site, size and smaller copies. An image the build could not read is left
 * out (its error stops the build). Undefined when the body shows none.
 */
export function bodyImagesOf(refs: readonly BodyImageAt[] | undefined, infos: Readonly<Record<string, MediaInfo>>): BodyImages | undefined {
  const entries = (refs ?? []).flatMap(({ url, file }) => {
    const info = infos[file];
    if (!info) return [];
    const srcset = mediaSrcset(info);
    return [[url, { src: mediaUrl(info), width: info.width, height: info.height, ...(srcset && { srcset }) }] as const];
  });
  // Sorted, so the same images give the same render key however the body orders them.
  return entries.length > 0 ? Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : undefined;
}
