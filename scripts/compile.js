// Compiles Dateline's TypeScript sources (src/) into dist/, which bin/dateline.js runs. Plain
// JavaScript, so it runs before anything is compiled: by `npm ci` (the prepare script), by
// bin/dateline.js when src/ changed since the last compile, and by the test suite's setup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE } from './run-script.js';

const ROOT = resolve(import.meta.dirname, '..');
/** Written after a successful compile; its time is compared with the sources'. */
const STAMP = join(ROOT, 'dist/.compiled');
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.js'];

/** The newest modification time among the sources (files and folders, so a deletion counts too). */
function newestSource() {
  let newest = 0;
  const src = join(ROOT, 'src');
  for (const path of [
    src,
    ...readdirSync(src, { recursive: true }).map((p) => join(src, String(p))),
    ...INPUTS.map((f) => join(ROOT, f)),
  ]) {
    newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing or older than a source. */
export function isStale() {
  try {
    return statSync(STAMP).mtimeMs < newestSource();
  } catch {
    return true;
  }
}

/**
 * Compiles src/ into dist/ with tsc (incremental: an unchanged file is not emitted again), then
 * bundles the CLI and each worker's module into dist/*.cjs (bundle.js), compiles Dateline's
 * templates into dist/templates.json, and makes the build's code cache (cacheBuildCode).
 */
export function compile() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('Dateline needs compiling (dist/ is missing or older than src/) and TypeScript is not installed: run `npm ci`.');
  }
  // The stamp takes the time the compile started: a source saved during it is newer, and compiled next time.
  const started = new Date();
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { encoding: 'utf8' });
  // tsc exits 2 when it found type errors but wrote the files (`npm test` reports them), 1 when it
  // wrote nothing (a configuration error).
  if (run.status !== 0 && run.status !== 2) {
    throw new Error(`Compiling Dateline failed:\n${run.stdout}${run.stderr}${run.error?.message ?? ''}`);
  }
  // One script of the CLI and one of each worker (bundle.js), and no code cache of earlier ones.
  rmSync(CODE_CACHE, { recursive: true, force: true });
  const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.js')], { encoding: 'utf8' });
  if (bundled.status !== 0) {
    throw new Error(`Bundling Dateline failed:\n${bundled.stdout}${bundled.stderr}${bundled.error?.message ?? ''}`);
  }
  // Dateline's templates compiled to code once (src/outputs/pages/precompiled-templates.ts).
  const templates = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await (await import(${JSON.stringify(join(ROOT, 'dist/outputs/pages/page-templates.js'))})).precompileTemplates();`,
    ],
    { encoding: 'utf8' },
  );
  if (templates.status !== 0) {
    throw new Error(`Compiling the templates failed:\n${templates.stdout}${templates.stderr}${templates.error?.message ?? ''}`);
  }
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  utimesSync(STAMP, started, started);
  cacheBuildCode();
}

/**
 * Makes the build's code cache (run-script.js) from a build of the example, the project in this
 * folder, rather than leaving it to the first build run: a cache holds only the code its run
 * compiled, and a large archive's build renders Markdown, draws maps and writes the search index
 * on other threads, so its cache lacked what a small build runs on its own (2.39 MB against 2.55;
 * the example, nine alternating builds: median 1.04 s against 1.00). The same cache whichever
 * build runs first. Without the example, or if its build fails, the first build run makes it.
 */
function cacheBuildCode() {
  if (!existsSync(join(ROOT, 'dateline.yaml')) || !existsSync(join(ROOT, 'content'))) return;
  const out = mkdtempSync(join(tmpdir(), 'dateline-compile-'));
  // The command line itself (dist/ is stamped compiled by now), which keeps the cache it made.
  const argv = [join(ROOT, 'bin/dateline.js'), 'build', '--root', ROOT, '--no-cache', '--out', join(out, 'site')];
  try {
    spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 120_000 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Compiles when the sources changed since the last compile; says so on stderr. */
export function compileIfStale() {
  if (!isStale()) return;
  process.stderr.write('Compiling Dateline (src/ changed since dist/ was made)…\n');
  compile();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) compile();
