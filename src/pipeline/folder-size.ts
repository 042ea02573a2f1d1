import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';

/** Files and bytes in a folder and its subfolders. */
export async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile());
  // Many at once: one at a time, the 35,000 files of a 10,000-article site took seconds.
  const sizes = await pMap(files, async (e) => (await stat(join(e.parentPath, e.name))).size, { concurrency: 64 });
  return { files: files.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}
