import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** Marks a folder as a site Dateline built, so it may be replaced by the next build. */
export const SITE_MARKER = '.dateline-site';

/** The line of the marker that names the build which wrote the site (`marker` of writeSiteAtomically). */
export const markerLine = (fingerprint: string): string => `fingerprint: ${fingerprint}\n`;

/** The marker file's text, its line `marker` given (writeSiteAtomically). */
export const markerText = (marker: string): string => `This folder was built by Dateline and is replaced by each build.\n${marker}`;

/** Whether the site in `dir` was written by the build with this fingerprint (its marker says so). */
export async function siteBuiltBy(dir: string, fingerprint: string): Promise<boolean> {
  return (await readFile(join(dir, SITE_MARKER), 'utf8').catch(() => '')).includes(markerLine(fingerprint));
}

/**
 * Writes a site into a sibling folder and swaps it in only when `write` succeeds, so a failed
 * build leaves the previous output untouched. Refuses to replace a folder that is not empty and
 * was not built by Dateline, or one that holds the project's own files.
 *
 * With `spare` (a folder in the cache, on the same file system): the site found there (`from`),
 * if any, is moved in as the start of the new one (`write` is told, and must empty it of what it
 * does not keep), and afterwards the folder holds the next spare: the site replaced (if `keepOld()`),
 * or else a copy of the new one as hard links, made by a process of its own after this build has
 * answered (the folder appears when the copy is complete). Returns which.
 */
export async function writeSiteAtomically(
  target: string,
  protectedPaths: readonly string[],
  write: (dir: string, fromSpare: boolean) => Promise<void>,
  marker = '',
  spare?: { from?: string; keepAt: string; keepOld: () => boolean },
): Promise<{ spare?: 'old' | 'copy' }> {
  const out = resolve(target);
  for (const p of protectedPaths) {
    const rel = relative(out, resolve(p));
    if (rel === '' || !rel.startsWith('..')) {
      throw new Error(`Refusing to write the site to ${target}: it contains ${p}. Choose an output folder of its own, such as _site.`);
    }
  }
  if (!(await isReplaceable(out))) {
    throw new Error(
      `Refusing to replace ${target}: it is not empty and was not built by Dateline (no ${SITE_MARKER} file). Choose a new or empty folder.`,
    );
  }
  await recoverInterrupted(out);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(dirname(out), `${basename(out)}.tmp-${suffix}`);
  const old = join(dirname(out), `${basename(out)}.old-${suffix}`);
  const fromSpare =
    spare?.from !== undefined &&
    (await rename(spare.from, temp).then(
      () => true,
      () => false,
    ));
  if (!fromSpare) await mkdir(temp, { recursive: true });
  try {
    await write(temp, fromSpare);
    await writeFile(join(temp, SITE_MARKER), markerText(marker));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  const hadOld = await exists(out);
  if (hadOld) await rename(out, old);
  try {
    await rename(temp, out);
  } catch (error) {
    if (hadOld) await rename(old, out);
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  // A spare site not taken (stale) is removed first.
  const free = spare !== undefined && (await removeStale(spare.keepAt, suffix));
  if (
    hadOld &&
    free &&
    spare.keepOld() &&
    (await rename(old, spare.keepAt).then(
      () => true,
      () => false,
    ))
  ) {
    listInBackground(spare.keepAt);
    return { spare: 'old' };
  }
  // Removing every file of the old site takes seconds on a large archive (≈ 0.1 ms a file): a
  // process of its own does it after this build has answered. A leftover is removed by the next.
  if (hadOld) removeInBackground(old);
  if (!free) return {};
  linkInBackground(out, spare.keepAt);
  return { spare: 'copy' };
}

/** Moves a folder out of the way and removes it in the background; false if it could not be moved. */
async function removeStale(dir: string, suffix: string): Promise<boolean> {
  if (!(await exists(dir))) return true;
  const stale = `${dir}.old-${suffix}`;
  if (
    !(await rename(dir, stale).then(
      () => true,
      () => false,
    ))
  )
    return false;
  removeInBackground(stale);
  return true;
}

/**
 * The file in a spare site that lists its files and folders (SpareListing), so that the build
 * that starts from it need not walk its tens of thousands of folders (clearSpare).
 */
export const SPARE_LISTING = '.dateline-files.json';

/** What SPARE_LISTING holds: the folder's inode when listed (a folder keeps it when renamed), and every file in it. */
export interface SpareListing {
  ino: number;
  files: string[];
}

// A script's function that lists a folder (its files, for SpareListing, and its folders), for the detached processes below.
const LIST_FOLDER = `function listFolder(dir) {
  const files = [], dirs = [];
  for (const e of require('node:fs').readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = require('node:path').join(e.parentPath, e.name).slice(dir.length + 1);
    (e.isDirectory() ? dirs : files).push(path);
  }
  return { files, dirs };
}`;

/**
 * Makes `to` a copy of the site `from` as hard links, from a detached process: made in a folder
 * of its own and renamed to `to` when complete, and only if `to` is still free and `from` still
 * the same site, so that a copy cut short or mixed (another build swapped its site in meanwhile,
 * links refused) is never taken for a spare site. The copy holds its listing (SPARE_LISTING).
 */
function linkInBackground(from: string, to: string): void {
  const script = `const fs = require('node:fs'), { join } = require('node:path');
${LIST_FOLDER}
const [from, to, listing] = process.argv.slice(1);
const temp = to + '.new-' + process.pid;
// The site's folder: another build swapping a new site in meanwhile would mix two sites.
const site = fs.statSync(from).ino;
try {
  fs.mkdirSync(temp);
  const { files, dirs } = listFolder(from);
  for (const dir of dirs) fs.mkdirSync(join(temp, dir));
  for (const file of files) fs.linkSync(join(from, file), join(temp, file));
  if (fs.statSync(from).ino !== site) throw new Error('replaced');
  fs.writeFileSync(join(temp, listing), JSON.stringify({ ino: fs.statSync(temp).ino, files }));
  fs.renameSync(temp, to);
} catch {
  fs.rmSync(temp, { recursive: true, force: true });
}`;
  inBackground(script, [from, to, SPARE_LISTING]);
}

/**
 * Writes the listing (SPARE_LISTING) of the spare site in `dir`, from a detached process, after
 * this build has answered. Written only if the folder at `dir` is the same throughout (a next
 * build may have taken it meanwhile); the next build checks the folder's inode against it.
 */
function listInBackground(dir: string): void {
  const script = `const fs = require('node:fs'), { join } = require('node:path');
${LIST_FOLDER}
const [dir, listing] = process.argv.slice(1);
try {
  const ino = fs.statSync(dir).ino;
  const { files } = listFolder(dir);
  if (fs.statSync(dir).ino !== ino) throw new Error('replaced');
  const temp = join(dir, listing + '.' + process.pid + '.tmp');
  fs.writeFileSync(temp, JSON.stringify({ ino, files }));
  fs.renameSync(temp, join(dir, listing));
} catch {}`;
  inBackground(script, [dir, SPARE_LISTING]);
}

/**
 * Tidies after a build that was killed (its process is gone): removes the half-written folder it
 * left beside the site, and, if it was killed between moving the old site aside and moving the
 * new one in, puts the old site back. Also removes an old site whose removal did not finish.
 */
async function recoverInterrupted(out: string): Promise<void> {
  const name = basename(out);
  const leftovers = (await readdir(dirname(out)).catch(() => [] as string[])).flatMap((entry) => {
    const m = /^\.(tmp|old)-(\d+-[0-9a-f]+)$/.exec(entry.slice(name.length));
    return entry.startsWith(name) && m && !isAlive(Number.parseInt(m[2]!, 10))
      ? [{ entry, kind: m[1] as 'tmp' | 'old', build: m[2]! }]
      : [];
  });
  // Killed between its two renames, a build leaves both its folders: the old site (to put back)
  // and the new one. An old site alone is one whose removal did not finish.
  const interrupted = new Set(leftovers.filter((l) => l.kind === 'tmp').map((l) => l.build));
  for (const { entry, kind, build } of leftovers.sort((a, b) => (a.kind === 'old' ? -1 : 1) - (b.kind === 'old' ? -1 : 1))) {
    const path = join(dirname(out), entry);
    if (kind === 'old' && interrupted.has(build) && !(await exists(out))) await rename(path, out);
    // A half-written site is removed now; an old site may still be being removed by the process
    // the last build left to it (the name is the build's, not that process's): one more is left
    // to it, rather than this build waiting (38 s for the 234,000 files of 100,000 articles).
    else if (kind === 'old') removeInBackground(path);
    else await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Removes a folder from a detached process (inBackground). */
export function removeInBackground(dir: string): void {
  inBackground('require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', [dir]);
}

/**
 * Runs a script of this folder's chores (removing an old site, linking or listing a spare one)
 * in a detached process, which outlives this one, at the lowest priority: the next build, often
 * started at once (`serve`, a script, the bench), takes the cores first. With a 34,000-file
 * folder being removed, the example's first builds took 0.95-1.06 s against 1.04-1.20 s beside a
 * remover at normal priority; a cold 10,000-article build's spare copy is 34,000 links and
 * 13,000 folders. Not started: the next build does the chore, or goes without a spare site.
 */
function inBackground(script: string, args: readonly string[]): void {
  const chore = spawn(process.execPath, ['-e', script, ...args], { detached: true, stdio: 'ignore' });
  chore.on('error', () => undefined);
  try {
    if (chore.pid !== undefined) setPriority(chore.pid, 19);
  } catch {
    // It keeps this process's priority.
  }
  chore.unref();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isReplaceable(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    return entries.length === 0 || entries.includes(SITE_MARKER);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
