import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Archive, ArticlePage, FeedSpec, ListingPage, SiteView, Teaser } from '../archive/archive.ts';
import { newestChange } from '../outputs/feeds/feed-data.ts';
import { PAGE_LISTS, type PageList } from '../outputs/pages/page-templates.ts';
import { searchRecordInputs } from '../outputs/search/search-records.ts';
import { WRITERS } from '../outputs/write-outputs.ts';
import { readJsonFile, readJsonFileSync, writeJsonFile } from './json-file.ts';
import { removeInBackground, SPARE_LISTING, type SpareListing } from './write-site-atomically.ts';

/**
 * What the last build wrote: for each output, a hash of everything that decided its bytes. A
 * build writes only the outputs whose hash changed and takes the others from the previous sites
 * (the new folder, swapped in whole as before, starts from the site the last build replaced, kept
 * as the spare, and links from the served site what changed since), so an edit costs what it
 * touches. Kept in the cache folder, not in the site.
 */
export interface OutputManifest {
  /** The build that wrote the site: its fingerprint, also in the site's marker file. */
  fingerprint: string;
  output: string;
  /** Output path (relative to the site) → hash. A folder (`pagefind-1/`) stands for every file in it. */
  files: Record<string, string>;
  /** The search index's bundles and their records (none when search is off). */
  search?: unknown;
  /**
   * The site this build replaced, kept in the cache folder (SPARE_SITE) to start the next build
   * from: the build that wrote it, and its outputs' hashes where they differ from `files` (none:
   * not in that site). Kept as a difference: the two sites share all but what one build changed,
   * and at 100,000 articles each list is 17 MB to write and read again.
   */
  spare?: { fingerprint: string; differs: Record<string, string | null> };
}

/** The hash of an output in the spare site a manifest describes (undefined: not in it). */
export function spareHash(manifest: OutputManifest): ((path: string) => string | undefined) | undefined {
  const { spare } = manifest;
  if (!spare) return undefined;
  return (path) => {
    const differs = spare.differs[path];
    return differs === null ? undefined : (differs ?? manifest.files[path]);
  };
}

/** A spare site's hashes as a difference from `files` (OutputManifest.spare). */
export function spareDiffers(
  files: Readonly<Record<string, string>>,
  spare: Readonly<Record<string, string>>,
): Record<string, string | null> {
  const differs: Record<string, string | null> = {};
  for (const path in spare) if (files[path] !== spare[path]) differs[path] = spare[path]!;
  for (const path in files) if (!(path in spare)) differs[path] = null;
  return differs;
}

/** The folder in the cache that holds the site a build replaced, to start the next build from. */
export const SPARE_SITE = 'spare-site';

const MANIFEST_FILE = 'outputs.json';
/** The manifest's file (a build replaces it whole: a new inode each time). */
export const manifestPath = (cacheDir: string): string => join(cacheDir, MANIFEST_FILE);

export async function readManifest(cacheDir: string): Promise<OutputManifest | undefined> {
  const manifest = (await readJsonFile(manifestPath(cacheDir))) as OutputManifest | undefined;
  if (typeof manifest?.fingerprint !== 'string' || typeof manifest.files !== 'object') return undefined;
  const { spare } = manifest;
  const validSpare = typeof spare?.fingerprint === 'string' && typeof spare.differs === 'object' && spare.differs !== null;
  return spare && !validSpare ? { ...manifest, spare: undefined } : manifest;
}

export const writeManifest = (cacheDir: string, manifest: OutputManifest): Promise<void> => writeJsonFile(manifestPath(cacheDir), manifest);

/**
 * The hash of each page (its view data, its map's spec included, and the site's), feed (its spec
 * and its articles), export and sitemap file (WRITERS' outlines; `pagesAndFeeds` also lists each
 * writer's files), under the outputs' `version` (outputsVersion). The pages of a list in
 * `unhashed` are left out: their template reads more of the model than its page. The search
 * records' hashes are made apart, first (recordHashesOf), so that Pagefind can start on what
 * changed before the rest of the model is made.
 */
export function outputHashes(
  archive: Archive,
  version: string,
): {
  pagesAndFeeds(unhashed: ReadonlySet<PageList>): { hashes: Map<string, string>; writerFiles: Map<string, string[]> };
} {
  const hasher = outputHasher(archive.sites, version);
  return {
    pagesAndFeeds: (unhashed) => {
      const articleHashes = new Map<string, string>(archive.articles.map((a: ArticlePage) => [a.url, hasher.article(a)]));
      const hashes = new Map<string, string>();
      for (const list of PAGE_LISTS) {
        if (unhashed.has(list)) continue;
        for (const page of archive[list]) {
          const h =
            list === 'articles'
              ? hasher.articlePage(page.siteLang, articleHashes.get(page.url)!)
              : list === 'listings'
                ? hasher.listing(page as ListingPage)
                : hasher.page(list, JSON.stringify(page), page.siteLang);
          hashes.set(page.outputPath, h);
        }
      }
      // A feed with no articles says it changed when the archive last did (feedData).
      let archiveChanged: string | undefined;
      for (const spec of archive.feeds) {
        const fallback = spec.articles.length === 0 ? (archiveChanged ??= JSON.stringify(newestChange(archive.articles) ?? null)) : '';
        const feed = hasher.feed(spec, (url) => articleHashes.get(url), fallback);
        for (const url of Object.values(spec.urls)) hashes.set(url.slice(1), feed);
      }
      // The exports and the sitemap, each one output of several files.
      const writerFiles = new Map<string, string[]>();
      for (const { name, outline } of WRITERS) {
        if (!outline) continue;
        const { files, inputs } = outline(archive);
        const h = hasher.page(name, inputs);
        for (const file of files) hashes.set(file, h);
        writerFiles.set(name, files);
      }
      return { hashes, writerFiles };
    },
  };
}

/** The hash of each kind of output from its view data (outputHashes), one at a time. */
export interface OutputHasher {
  /** What of an article its page and the feeds that print it depend on: its page view, a teaser by its hash, the body by its key. */
  article(a: ArticlePage): string;
  /** An article page's hash, from `article`'s and its site's language. */
  articlePage(siteLang: string, articleHash: string): string;
  listing(p: ListingPage): string;
  /** Any other output, from everything that decides it besides the site (in `siteLang`, else the default language) and Dateline (`list` names its kind). */
  page(list: string, data: string, siteLang?: string): string;
  /** A feed's three files' hash: its spec and its articles by `article`'s hash; `fallback` for a feed of no articles. */
  feed(spec: FeedSpec, articleHash: (url: string) => string | undefined, fallback: string): string;
  /** A published article's search record. */
  record(searchVersion: string, a: ArticlePage): string;
}

/**
 * Each published article's search record's hash, by URL (OutputHasher `record`), under the search
 * index's version only: a template or a setting that does not reach the records leaves them, and
 * the bundles, as they were.
 */
export function recordHashesOf(articles: readonly ArticlePage[], searchVersion: string): Map<string, string> {
  const published = articles.filter((a) => a.status === 'published');
  return new Map(published.map((a) => [a.url, recordHash(searchVersion, a)]));
}

const recordHash = (searchVersion: string, a: ArticlePage) => hashOf(searchVersion, searchRecordInputs(a));

/** The hash of `parts`, each ended by NUL. */
function hashOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('hex');
}

export function outputHasher(sites: readonly SiteView[], version: string): OutputHasher {
  // What every page of a language prints around its own: the site in that language.
  const bases = new Map(sites.map((site) => [site.lang, hashOf(version, JSON.stringify(site))]));
  const base = (siteLang?: string) => (siteLang !== undefined && bases.get(siteLang)) || bases.get(sites[0]!.lang)!;
  // A teaser by its hash, taken once however many pages print it (toTeaser shares them).
  const teaserHashes = new WeakMap<Teaser, string>();
  const teaser = (t: Teaser) => {
    let h = teaserHashes.get(t);
    if (h === undefined) teaserHashes.set(t, (h = hashOf(JSON.stringify(t))));
    return h;
  };
  return {
    // A body by its key (the model holds no body), not by its bytes.
    article: (a) => hashOf(JSON.stringify({ ...a, related: a.related.map(teaser) })),
    articlePage: (siteLang, articleHash) => hashOf(base(siteLang), 'articles', articleHash),
    listing: (p) =>
      hashOf(
        base(p.siteLang),
        'listings',
        JSON.stringify({
          ...p,
          groups: p.groups.map((g) => ({ ...g, articles: g.articles.map(teaser) })),
          ...(p.timeline && { timeline: p.timeline.map((t) => ({ event: t.event, article: teaser(t.article) })) }),
        }),
      ),
    page: (list, data, siteLang) => hashOf(base(siteLang), list, data),
    feed: (spec, articleHash, fallback) =>
      hashOf(base(spec.siteLang), 'feed', JSON.stringify(spec), fallback, ...spec.articles.map((url) => articleHash(url) ?? url)),
    record: recordHash,
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
 * Makes `to` hold every output whose hash is unchanged, so the build writes only the others;
 * returns the outputs it holds, their number of files, and how many of those the spare site kept
 * in place. `to` is either an empty folder or the spare site: the site of two builds ago (`spare`
 * its hashes), moved in whole. An output whose hash is the same
 * in the spare site stays; one the same in the served site (`from`, `previous` its hashes) is linked
 * from it; every other file of the spare site is removed (and folders left empty), so that every
 * output written next goes into a file of its own: nothing is ever written through a link into
 * the served site. An output missing where it was expected is written. Where hard links are refused
 * (another file system), copies. The paths of each of `wholes` (a feed's three files) are one
 * output: kept all, or none.
 */
export async function reuseUnchanged(
  from: string,
  to: string,
  previous: Readonly<Record<string, string>>,
  current: ReadonlyMap<string, string>,
  wholes: readonly (readonly string[])[] = [],
  spare?: (path: string) => string | undefined,
): Promise<{ linked: Set<string>; files: number; kept: number; listed?: boolean }> {
  const keep = new Set<string>();
  const link = new Set<string>();
  for (const [path, h] of current) {
    if (spare?.(path) === h) keep.add(path);
    else if (previous[path] === h) link.add(path);
  }
  for (const whole of wholes) {
    if (whole.some((path) => !keep.has(path) && !link.has(path)))
      for (const path of whole) {
        keep.delete(path);
        link.delete(path);
      }
  }
  // A spare site that would keep less than the served one gives is put aside whole (removed in
  // the background): emptying it file by file and linking the rest costs more than linking all.
  if (spare && keep.size < link.size) {
    // Named as a replaced site (`_site.old-…`), which the next build removes if this process could not.
    const aside = `${from}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
    renameSync(to, aside);
    removeInBackground(aside);
    mkdirSync(to);
    return reuseUnchanged(from, to, previous, current, wholes);
  }
  const linked = new Set<string>();
  let files = 0;
  let kept = 0;
  let listed: boolean | undefined;
  if (spare) {
    const found = clearSpare(to, keep);
    for (const path of found.paths) linked.add(path);
    files += found.files;
    kept = found.files;
    listed = found.listed;
  }
  // Synchronous calls, one after the other: tens of thousands of links take a third of the time
  // they take through the thread pool, and nothing else of this process waits meanwhile (Pagefind
  // indexes in its own).
  // Each folder made once, after its parent: a recursive mkdir would look at every parent again.
  const made = new Set<string>([to]);
  const ensureDir = (dir: string) => {
    if (made.has(dir)) return;
    ensureDir(dirname(dir));
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    made.add(dir);
  };
  const linkFile = (path: string) => {
    const target = join(to, path);
    ensureDir(dirname(target));
    try {
      linkSync(join(from, path), target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK') copyFileSync(join(from, path), target);
      else throw error;
    }
  };
  for (const path of link) {
    try {
      if (path.endsWith('/')) {
        const entries = readdirSync(join(from, path), { recursive: true, withFileTypes: true });
        const inFolder = entries.filter((e) => e.isFile()).map((e) => join(path, e.parentPath.slice(join(from, path).length), e.name));
        for (const file of inFolder) linkFile(file);
        files += inFolder.length;
      } else {
        linkFile(path);
        files++;
      }
      linked.add(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // A folder found incomplete is written again whole, with nothing of it left linked.
      if (path.endsWith('/')) await rm(join(to, path), { recursive: true, force: true });
    }
  }
  for (const whole of wholes) {
    const found = whole.filter((path) => linked.has(path));
    if (found.length === 0 || found.length === whole.length) continue;
    for (const path of found) {
      await rm(join(to, path));
      linked.delete(path);
      files--;
    }
  }
  return { linked, files, kept, listed };
}

/**
 * The files of the spare site in `dir`, relative to it: from its listing (SPARE_LISTING, written
 * when it became the spare, and removed now: it is no output), when it was made of this very
 * folder; else by walking it.
 */
function spareListing(dir: string): { files: string[]; listed: boolean } {
  const path = join(dir, SPARE_LISTING);
  const listing = readJsonFileSync(path) as SpareListing | undefined;
  rmSync(path, { force: true });
  if (listing && listing.ino === statSync(dir).ino && Array.isArray(listing.files)) {
    return { files: listing.files.filter((f) => f !== SPARE_LISTING), listed: true };
  }
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory());
  const files = entries.map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).filter((f) => f !== SPARE_LISTING);
  return { files, listed: false };
}

/**
 * Removes from the spare site in `dir` every file but those of the outputs in `keep` (a folder
 * entry, `pagefind-1/`, keeps every file under it), and every folder that leaves empty; returns
 * the outputs found and kept and their number of files.
 */
function clearSpare(dir: string, keep: ReadonlySet<string>): { paths: Set<string>; files: number; listed: boolean } {
  const listing = spareListing(dir);
  const found = new Set<string>();
  let files = 0;
  // The folders that held a removed file: each removed if that left it empty, then its parent.
  const emptied = new Set<string>();
  for (const path of listing.files) {
    const folder = path.slice(0, path.indexOf('/') + 1);
    const output = keep.has(path) ? path : folder && keep.has(folder) ? folder : undefined;
    if (output) {
      found.add(output);
      files++;
      continue;
    }
    unlinkSync(join(dir, path));
    emptied.add(dirname(join(dir, path)));
  }
  // Deepest first (popped from the end), so a folder is mostly tried once its subfolders are
  // gone; one tried too early is tried again when its last subfolder goes.
  const folders = [...emptied].sort((a, b) => a.length - b.length);
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    if (folder === dir || !folder.startsWith(dir)) continue;
    try {
      rmdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT') continue;
      throw error;
    }
    folders.push(dirname(folder));
  }
  return { paths: found, files, listed: listing.listed };
}
