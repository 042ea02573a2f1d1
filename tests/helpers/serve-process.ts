import { type ChildProcess, spawn } from 'node:child_process';
import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTemp, repoRoot } from './site.ts';

/** Started `dateline serve` processes; stop them with `stopServers` after the tests. */
const children: ChildProcess[] = [];
export function stopServers(): void {
  for (const child of children.splice(0)) child.kill('SIGTERM');
}

/** What Dateline runs from (a copy of it has these, and its packages linked). */
const PACKAGE_PARTS = [
  'bin',
  'scripts',
  'src',
  'dist',
  'templates',
  'public',
  'locales',
  'data',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/**
 * Starts `dateline serve --port 0` (or `port`) in a copy of the example project; resolves with its
 * URL once it serves. With `ownPackage`, Dateline runs from a copy of itself (`dateline`), whose
 * templates and static files a test can save without touching the repository's.
 */
export async function startServe(
  options: { ownPackage?: boolean; port?: number } = {},
): Promise<{ root: string; url: string; output: () => string; dateline: string }> {
  const root = await makeTemp('dateline-serve-');
  await cp(join(repoRoot, 'dateline.yaml'), join(root, 'dateline.yaml'));
  await cp(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  let dateline = repoRoot;
  if (options.ownPackage) {
    dateline = await makeTemp('dateline-package-');
    // Timestamps kept: the copy's dist/ is as fresh as the repository's, not compiled again.
    for (const part of PACKAGE_PARTS) await cp(join(repoRoot, part), join(dateline, part), { recursive: true, preserveTimestamps: true });
    await symlink(join(repoRoot, 'node_modules'), join(dateline, 'node_modules'), 'dir');
  }
  const child = spawn(process.execPath, [join(dateline, 'bin/dateline.js'), 'serve', '--port', String(options.port ?? 0)], {
    cwd: root,
    env: { ...process.env, TZ: 'Pacific/Kiritimati' },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Serving (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 100);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  return { root, url, output: () => out, dateline };
}

/** Polls until `f` returns a value (not undefined), instead of sleeping a guessed time. */
export async function poll<T>(f: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await f().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Saves a changed file (`f` of its text); a change that changes nothing is a mistake in the test. */
export async function editFile(path: string, f: (text: string) => string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const next = f(text);
  if (next === text) throw new Error(`The change to ${path} changed nothing.`);
  await writeFile(path, next);
}

/** An editor's save-all: the title of `file` saved as `…, version 1` to `3` within a few milliseconds. */
export async function saveThreeTitles(file: string, title: string): Promise<void> {
  for (const n of [1, 2, 3]) {
    await editFile(file, (t) => t.replace(/^title: .*$/m, `title: ${title}, version ${n}`));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
