import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pMap from 'p-map';
import type { Archive, ArticlePage } from '../archive/archive.ts';
import { newestChange } from '../outputs/feeds/feed-data.ts';
import type { SearchState } from '../outputs/search/search-layout.ts';
import { searchRecord } from '../outputs/search/search-records.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/**
 * What the last build wrote: for each output, a hash of everything that decided its bytes. A
 * build writes only the outputs whose hash changed and takes the others from the previous site
 * (as hard links into the new folder, which is swapped in whole as before), so an edit costs what
 * it touches. Kept in the cache folder, not in the site.
 */
export interface OutputManifest {
  /** The build that wrote the site: its fingerprint, also in the site's marker file. */
  fingerprint: string;
  output: string;
  /** Output path (relative to the site) → hash. A folder (`pagefind-1/`) stands for every file in it. */
  files: Record<string, string>;
  /** The search index's bundles and their records (none when search is off). */
  search?: SearchState;
}

const MANIFEST_FILE = 'outputs.json';

export async function readManifest(cacheDir: string): Promise<OutputManifest | undefined> {
  const manifest = (await readJsonFile(join(cacheDir, MANIFEST_FILE))) as OutputManifest | undefined;
  return typeof manifest?.fingerprint === 'string' && typeof manifest.files === 'object' ? manifest : undefined;
}

export const writeManifest = (cacheDir: string, manifest: OutputManifest): Promise<void> => writeJsonFile(join(cacheDir, MANIFEST_FILE), manifest);

/** The lists of pages one paginated template each renders (`pagination.data: archive.<list>`). */
export type PageList = 'articles' | 'listings' | 'indexes';
const PAGE_LISTS: readonly PageList[] = ['articles', 'listings', 'indexes'];

/**
 * The hash of each page (its view data, its map's spec included, and the site's), feed (its spec
 * and its articles) and published article's search record, under the outputs' `version`
 * (outputsVersion). The pages of a list in `unhashed` are left out: their template reads more of
 * the model than its page. The records' hashes come first (`records`), so that Pagefind can
 * start on what changed while the rest are hashed (`pagesAndFeeds`).
 */
export function outputHashes(archive: Archive, version: string): { records(): Map<string, string>; pagesAndFeeds(unhashed: ReadonlySet<PageList>): Map<string, string> } {
  const hash = (...parts: string[]) => {
    const h = createHash('sha256');
    for (const part of parts) h.update(part).update('\0');
    return h.digest('hex');
  };
  const base = hash(version, JSON.stringify(archive.site));
  return {
    records: () => {
      const recordBase = hash(version, archive.site.lang);
      const published = archive.articles.filter((a) => a.status === 'published');
      return new Map(published.map((a) => [a.url, hash(recordBase, JSON.stringify(searchRecord(a)))]));
    },
    pagesAndFeeds: (unhashed) => {
      const articleHashes = new Map<string, string>(archive.articles.map((a: ArticlePage) => [a.url, hash(JSON.stringify(a))]));
      const hashes = new Map<string, string>();
      for (const list of PAGE_LISTS) {
        if (unhashed.has(list)) continue;
        for (const page of archive[list]) {
          const data = list === 'articles' ? articleHashes.get(page.url)! : JSON.stringify(page);
          hashes.set(page.outputPath, hash(base, list, data));
        }
      }
      // A feed with no articles says it changed when the archive last did (feedData).
      const archiveChanged = JSON.stringify(newestChange(archive.articles) ?? null);
      for (const spec of archive.feeds) {
        const fallback = spec.articles.length === 0 ? archiveChanged : '';
        const feed = hash(base, 'feed', JSON.stringify(spec), fallback, ...spec.articles.map((url) => articleHashes.get(url) ?? url));
        for (const url of Object.values(spec.urls)) hashes.set(url.slice(1), feed);
      }
      return hashes;
    },
  };
}

/**
 * The lists whose template (or any include) prints more of `archive` than its own page, found
 * by reading the templates: their pages are rendered on every build, since their hash would not
 * cover what they print.
 */
export async function listsReadingArchive(templates: string): Promise<Set<PageList>> {
  const files = (await readdir(templates, { recursive: true })).filter((f) => f.endsWith('.njk'));
  const unsafe = new Set<PageList>();
  for (const file of files) {
    const text = await readFile(join(templates, file), 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const list = frontMatter && /^\s*data:\s*archive\.(\w+)\s*$/m.exec(frontMatter[1]!)?.[1];
    const body = frontMatter ? text.slice(frontMatter[0].length) : text;
    if (!/\barchive\./.test(body)) continue;
    if (list && (PAGE_LISTS as readonly string[]).includes(list)) unsafe.add(list as PageList);
    // An include (or a template of no list) that reads the archive may be in any page.
    else if (!frontMatter || file.startsWith('_includes')) for (const l of PAGE_LISTS) unsafe.add(l);
  }
  return unsafe;
}

/**
 * Links into `to` every output of `from` whose hash is the same in `previous` and `current`
 * (every file of a folder entry); returns the outputs linked and their number of files. An
 * output missing from `from` is not linked, so it is written again. Where hard links are refused
 * (another file system), copies. Nothing is ever written through a link: the outputs written
 * next are the others, into files of their own. The paths of each of `wholes` (a feed's three
 * files) are one output: linked all, or none (those linked are unlinked again, and written).
 */
export async function linkUnchanged(
  from: string,
  to: string,
  previous: Readonly<Record<string, string>>,
  current: ReadonlyMap<string, string>,
  wholes: readonly (readonly string[])[] = [],
): Promise<{ linked: Set<string>; files: number }> {
  const same = [...current].filter(([path, h]) => previous[path] === h).map(([path]) => path);
  const made = new Set<string>();
  const ensureDir = async (dir: string) => {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    made.add(dir);
  };
  const linkFile = async (path: string) => {
    const target = join(to, path);
    await ensureDir(dirname(target));
    await link(join(from, path), target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EXDEV' || error.code === 'EPERM' || error.code === 'EMLINK') return copyFile(join(from, path), target);
      throw error;
    });
  };
  const linked = new Set<string>();
  let files = 0;
  await pMap(
    same,
    async (path) => {
      try {
        if (path.endsWith('/')) {
          const entries = await readdir(join(from, path), { recursive: true, withFileTypes: true });
          const inFolder = entries.filter((e) => e.isFile()).map((e) => join(path, e.parentPath.slice(join(from, path).length), e.name));
          for (const file of inFolder) await linkFile(file);
          files += inFolder.length;
        } else {
          await linkFile(path);
          files++;
        }
        linked.add(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        // A folder found incomplete is written again whole, with nothing of it left linked.
        if (path.endsWith('/')) await rm(join(to, path), { recursive: true, force: true });
      }
    },
    { concurrency: 32 },
  );
  for (const whole of wholes) {
    const found = whole.filter((path) => linked.has(path));
    if (found.length === 0 || found.length === whole.length) continue;
    for (const path of found) {
      await rm(join(to, path));
      linked.delete(path);
      files--;
    }
  }
  return { linked, files };
}
