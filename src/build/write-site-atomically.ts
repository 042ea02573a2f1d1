import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** Marks a folder as a site Dateline built, so it may be replaced by the next build. */
export const SITE_MARKER = '.dateline-site';

/**
 * Writes a site into a fresh sibling folder and swaps it in only when `write` succeeds, so a
 * failed build leaves the previous output untouched. Refuses to replace a folder that is not
 * empty and was not built by Dateline, or one that holds the project's own files.
 */
export async function writeSiteAtomically(target: string, protectedPaths: readonly string[], write: (dir: string) => Promise<void>, marker = ''): Promise<void> {
  const out = resolve(target);
  for (const p of protectedPaths) {
    const rel = relative(out, resolve(p));
    if (rel === '' || !rel.startsWith('..')) {
      throw new Error(`Refusing to write the site to ${target}: it contains ${p}. Choose an output folder of its own, such as _site.`);
    }
  }
  if (!(await isReplaceable(out))) {
    throw new Error(`Refusing to replace ${target}: it is not empty and was not built by Dateline (no ${SITE_MARKER} file). Choose a new or empty folder.`);
  }
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(dirname(out), `${basename(out)}.tmp-${suffix}`);
  const old = join(dirname(out), `${basename(out)}.old-${suffix}`);
  await mkdir(temp, { recursive: true });
  try {
    await write(temp);
    await writeFile(join(temp, SITE_MARKER), `This folder was built by Dateline and is replaced by each build.\n${marker}`);
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
  if (hadOld) await rm(old, { recursive: true, force: true });
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
