import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { bodiesInMemory, type Bodies } from '../markdown/bodies.ts';
import { renderArticleBody, type RenderedBody } from '../markdown/render-markdown.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { readJsonFileSync, writeJsonFile, writeJsonFileSync } from './json-file.ts';

export interface RenderOptions {
  /** Folder of cached renders (`.dateline-cache/markdown`); none: render everything. */
  cacheDir?: string;
  /** Worker threads to use for renders not in the cache (default: one per core when it pays). */
  workers?: number;
  /** Read every cached render rather than trusting the cache's index (a `--force` build). */
  readAll?: boolean;
  /** Called as bodies are done (cached or rendered), with the count so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface RenderStats {
  /** Bodies found in the cache. */
  cached: number;
  /** Bodies rendered now. */
  rendered: number;
  /** Worker threads used (0: rendered on the main thread). */
  workers: number;
}

/** Below this many renders a worker's start-up (≈ 0.4 s to load unified) costs more than it saves. */
const WORKER_THRESHOLD = 300;
/** Bodies sent to a worker at a time: large enough to amortise messaging, small enough to balance. */
const BATCH = 64;

/**
 * Renders article bodies, in order. A body already rendered by the same renderer (same Markdown
 * source code, same package versions) is taken from the cache instead; the rest are rendered, on
 * worker threads when there are many, and stored. Rendering is a pure function of the body, so
 * cached, threaded and plain renders are the same bytes.
 *
 * Returns each body's key (a hash of it and of the renderer, which names its render), its
 * summary (what the model keeps of it), and the store the outputs read the bodies from. With a
 * cache, the summaries of cached renders come from the cache's index (`index.json`), so that an
 * unchanged body is not read at all; `readAll` (a `--force` build) reads every entry instead,
 * and renders again any found damaged.
 */
export async function renderBodies(
  bodies: readonly string[],
  options: RenderOptions = {},
): Promise<{ keys: string[]; summaries: BodySummary[]; store: Bodies; stats: RenderStats }> {
  const summaries: (BodySummary | undefined)[] = new Array(bodies.length);
  // Each body's key: what decides its render (the cache entry's name, and the outputs' hashes).
  const version = await rendererVersion();
  const keys = bodies.map((b) => createHash('sha256').update(version).update('\0').update(b).digest('hex'));
  const cacheDir = options.cacheDir;
  if (cacheDir) {
    const index = options.readAll ? undefined : readIndex(cacheDir);
    for (const i of bodies.keys()) {
      const key = keys[i]!;
      const known = index?.get(key);
      summaries[i] = known && existsSync(entryPath(cacheDir, key)) ? known : summaryOf(readEntry(cacheDir, key));
    }
  }
  const missing = [...bodies.keys()].filter((i) => summaries[i] === undefined);
  const cached = bodies.length - missing.length;
  const advance = (n: number) => options.onProgress?.(cached + n, bodies.length);
  advance(0);
  const workers = missing.length >= WORKER_THRESHOLD ? Math.min(options.workers ?? availableParallelism(), Math.ceil(missing.length / BATCH)) : 0;
  // Each render is kept as it comes: in the cache (written at once, so the renders of a large
  // archive are never all held together), or, without a cache, in memory.
  const inMemory = new Map<string, RenderedBody>();
  const stored = new Set<string>();
  const take = (n: number, body: RenderedBody) => {
    const i = missing[n]!;
    summaries[i] = summaryOf(body);
    // Two articles with the same body share one entry.
    if (!cacheDir) inMemory.set(keys[i]!, body);
    else if (!stored.has(keys[i]!)) {
      stored.add(keys[i]!);
      writeEntrySync(cacheDir, keys[i]!, body);
    }
  };
  if (workers > 1) await renderOnWorkers(missing.map((i) => bodies[i]!), workers, advance, take);
  else {
    missing.forEach((i, n) => {
      if (n % BATCH === 0) advance(n);
      take(n, renderArticleBody(bodies[i]!));
    });
  }
  advance(missing.length);
  const stats = { cached, rendered: missing.length, workers: workers > 1 ? workers : 0 };
  const done = summaries as BodySummary[];
  if (!cacheDir) return { keys, summaries: done, store: bodiesInMemory(inMemory), stats };
  await pruneEntries(cacheDir, new Set(keys));
  await writeJsonFile(join(cacheDir, INDEX_FILE), Object.fromEntries(keys.map((key, i) => [key, done[i]!])));
  return { keys, summaries: done, store: cachedBodies(cacheDir), stats };
}

/** What the model keeps of a body: its first paragraph, and a hash of its plain text (what a search record holds of it). */
export interface BodySummary {
  firstParagraph: string;
  textKey: string;
}

function summaryOf(body: RenderedBody | undefined): BodySummary | undefined {
  return body && { firstParagraph: body.firstParagraph, textKey: createHash('sha256').update(body.text).digest('hex') };
}

/** The cache's index: each entry's key → its BodySummary. */
const INDEX_FILE = 'index.json';

function readIndex(cacheDir: string): Map<string, BodySummary> {
  const index = readJsonFileSync(join(cacheDir, INDEX_FILE));
  if (typeof index !== 'object' || index === null) return new Map();
  const valid = (v: unknown): v is BodySummary => typeof (v as BodySummary)?.firstParagraph === 'string' && typeof (v as BodySummary).textKey === 'string';
  return new Map(Object.entries(index).filter((e): e is [string, BodySummary] => valid(e[1])));
}

/** Bodies read from the cache's entries, as an output prints them. */
function cachedBodies(cacheDir: string): Bodies {
  return {
    get(key) {
      const body = readEntry(cacheDir, key);
      if (!body) throw new Error(`The rendered body ${key} in ${cacheDir} is missing or damaged: build again with --force.`);
      return body;
    },
  };
}

/** The compiled worker (dist/), or, when running from the TypeScript sources, a loader for it. */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './markdown-worker-from-source.js' : './markdown-worker.js', import.meta.url);

/** Renders `bodies` on `count` worker threads, giving each result to `take` (with its index) as it arrives. */
async function renderOnWorkers(bodies: readonly string[], count: number, advance: (done: number) => void, take: (n: number, body: RenderedBody) => void): Promise<void> {
  let next = 0;
  let finished = 0;
  const workers = Array.from({ length: count }, () => new Worker(WORKER));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((finish, fail) => {
            let start = 0;
            const send = () => {
              if (next >= bodies.length) return finish();
              start = next;
              next = Math.min(next + BATCH, bodies.length);
              worker.postMessage(bodies.slice(start, next));
            };
            worker.on('message', (batch: RenderedBody[]) => {
              batch.forEach((r, k) => take(start + k, r));
              advance((finished += batch.length));
              send();
            });
            worker.once('error', fail);
            worker.once('exit', (code) => (next < bodies.length || code !== 0 ? fail(new Error(`A Markdown worker stopped (exit code ${code}).`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

let versionPromise: Promise<string> | undefined;
/** A hash of what decides a render: the Markdown source files and the versions of the packages they use. */
function rendererVersion(): Promise<string> {
  versionPromise ??= (async () => {
    const hash = createHash('sha256');
    const dir = join(PACKAGE_ROOT, 'src/markdown');
    for (const name of (await readdir(dir)).sort()) hash.update(name).update(await readFile(join(dir, name)));
    // Every installed version (the sanitizer, GFM's micromark extensions, the slugger…), not only
    // the ranges in package.json.
    hash.update(await readFile(join(PACKAGE_ROOT, 'package-lock.json')).catch(() => readFile(join(PACKAGE_ROOT, 'package.json'))));
    return hash.digest('hex');
  })();
  return versionPromise;
}

const entryPath = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.json`);

/** A cached render; none when missing or damaged (an interrupted write, a hand edit): render again. */
function readEntry(dir: string, key: string): RenderedBody | undefined {
  const value = readJsonFileSync(entryPath(dir, key)) as Partial<RenderedBody> | undefined;
  return typeof value?.html === 'string' && typeof value.firstParagraph === 'string' && typeof value.text === 'string' ? (value as RenderedBody) : undefined;
}

const writeEntrySync = (dir: string, key: string, body: RenderedBody): void => writeJsonFileSync(entryPath(dir, key), body);

/** Removes entries no body of this build uses, so the cache stays the size of the archive. */
async function pruneEntries(dir: string, used: ReadonlySet<string>): Promise<void> {
  const shards = await readdir(dir).catch(() => [] as string[]);
  for (const shard of shards) {
    const names = await readdir(join(dir, shard)).catch(() => [] as string[]);
    // Another build's entry being written (`.tmp`) is not ours to remove.
    const stale = names.filter((n) => n.endsWith('.json') && !used.has(n.slice(0, -'.json'.length)));
    await Promise.all(stale.map((n) => rm(join(dir, shard, n), { force: true })));
  }
}
