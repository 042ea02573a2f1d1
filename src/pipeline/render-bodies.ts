import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { bodyOfText } from '../content/validate-article.ts';
import { type Bodies, bodiesInMemory } from '../markdown/bodies.ts';
import type { BodyImages } from '../markdown/body-images.ts';
import { type RenderedBody, renderArticleBody } from '../markdown/render-markdown.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { startWorker } from '../start-worker.ts';
import { type BodySummary, entryPath, type PoolRender, type RenderBatch, readEntry, summaryOf, writeEntrySync } from './render-cache.ts';

export interface RenderOptions {
  /** Folder of cached renders (`.dateline-cache/markdown`); none: render everything. */
  cacheDir?: string;
  /** Worker threads to use for renders not in the cache (default: one per core when it pays). */
  workers?: number;
  /** Read every cached render rather than trusting the renders the article state knows of (a `--force` build). */
  readAll?: boolean;
  /** Called as bodies are done (cached or rendered), with the count so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * These are some of the site's bodies, not all (a body-only build's changed ones): the cache's
   * other renders are kept, and each entry is looked up alone rather than the cache listed.
   */
  some?: boolean;
  /** Worker threads already rendering some of these bodies (startRenderPool): the rest are rendered there too. */
  pool?: RenderPool;
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
export const WORKER_THRESHOLD = 300;
/** Batches a pool's worker holds at a time (startRenderPool): a few seconds of work. */
const IN_HAND = 8;
/** Bodies sent to a worker at a time: large enough to amortise messaging, small enough to balance. */
const BATCH = 64;

/**
 * A body to render: its text (with its images of the content folder, if it shows any), or a
 * render the caller already knows of (the last build's, by its key) and a way to get the text
 * should the cache no longer hold that render.
 */
export type BodyInput = string | MarkdownBody | { known: BodySummary & { key: string }; text: () => string };

/** A body's Markdown and what its render is given of its images. */
export interface MarkdownBody {
  markdown: string;
  images?: BodyImages;
}

/**
 * Renders article bodies, in order. A body already rendered by the same renderer (same Markdown
 * source code, same package versions) is taken from the cache instead; the rest are rendered, on
 * worker threads when there are many, and stored. Rendering is a pure function of the body, so
 * cached, threaded and plain renders are the same bytes.
 *
 * Returns each body's key (a hash of it and of the renderer, which names its render), its
 * summary (what the model keeps of it), and the store the outputs read the bodies from. A known
 * render (BodyInput) still in the cache is taken as it is, without its text or its entry being
 * read; `readAll` (a `--force` build) reads every entry instead, and renders again any found
 * damaged. The cache keeps only the renders of these bodies (unless `some`).
 */
export async function renderBodies(
  inputs: readonly BodyInput[],
  options: RenderOptions = {},
): Promise<{ keys: string[]; summaries: BodySummary[]; store: Bodies; stats: RenderStats }> {
  const summaries: (BodySummary | undefined)[] = new Array(inputs.length);
  const keys: string[] = new Array(inputs.length);
  const bodies: MarkdownBody[] = new Array(inputs.length);
  // Each body's key: what decides its render (the cache entry's name, and the outputs' hashes).
  const version = await rendererVersion();
  const cacheDir = options.cacheDir;
  const listed = cacheDir && !options.some ? listEntries(cacheDir) : new Set<string>();
  const present = {
    has: (key: string) => listed.has(key) || (options.some === true && cacheDir !== undefined && existsSync(entryPath(cacheDir, key))),
  };
  for (const [i, input] of inputs.entries()) {
    if (typeof input !== 'string' && 'known' in input && !options.readAll && present.has(input.known.key)) {
      const { key, ...summary } = input.known;
      keys[i] = key;
      summaries[i] = summary;
      continue;
    }
    const body = typeof input === 'string' ? { markdown: input } : 'known' in input ? { markdown: input.text() } : input;
    bodies[i] = body;
    keys[i] = bodyKey(version, body);
    // A render the pool made now (and stored) is taken from the pool, not read back.
    if (cacheDir && present.has(keys[i]!) && !options.pool?.take(keys[i]!)) summaries[i] = summaryOf(readEntry(cacheDir, keys[i]!));
  }
  const missing = [...inputs.keys()].filter((i) => summaries[i] === undefined);
  const cached = inputs.length - missing.length;
  const advance = (n: number) => options.onProgress?.(cached + n, inputs.length);
  advance(0);
  // Many renders go to worker threads: the build's pool (begun before the check), or one of
  // their own.
  const count =
    missing.length >= WORKER_THRESHOLD ? Math.min(options.workers ?? availableParallelism(), Math.ceil(missing.length / BATCH)) : 0;
  const own = !options.pool && count > 1 ? startRenderPool(count) : undefined;
  const pool = options.pool ?? own;
  // Each render is kept as it comes: in the cache (written at once, so the renders of a large
  // archive are never all held together), or, without a cache, in memory.
  const inMemory = new Map<string, RenderedBody>();
  const stored = new Set<string>();
  const take = (i: number, body: RenderedBody, summary = summaryOf(body)) => {
    summaries[i] = summary;
    // Two articles with the same body share one entry.
    if (!cacheDir) inMemory.set(keys[i]!, body);
    else if (!stored.has(keys[i]!)) {
      stored.add(keys[i]!);
      writeEntrySync(cacheDir, keys[i]!, body);
    }
  };
  try {
    if (pool) {
      let done = 0;
      const renders = missing.map((i) => pool.take(keys[i]!) ?? pool.submit(keys[i]!, bodies[i]!));
      pool.flush();
      await Promise.all(
        renders.map(async (render, n) => {
          // A pool with a cache folder stored it as it came; else it hands it over whole.
          const { summary, body } = await render;
          const i = missing[n]!;
          if (body) take(i, body, summary);
          else summaries[i] = summary;
          if (++done % BATCH === 0) advance(done);
        }),
      );
    } else {
      missing.forEach((i, n) => {
        if (n % BATCH === 0) advance(n);
        take(i, renderArticleBody(bodies[i]!.markdown, bodies[i]!.images));
      });
    }
  } finally {
    await own?.close();
  }
  advance(missing.length);
  const stats = { cached, rendered: missing.length, workers: pool?.workers ?? 0 };
  const done = summaries as BodySummary[];
  if (!cacheDir) return { keys, summaries: done, store: bodiesInMemory(inMemory), stats };
  const used = new Set(keys);
  await Promise.all([...listed].filter((key) => !used.has(key)).map((key) => rm(entryPath(cacheDir, key), { force: true })));
  return { keys, summaries: done, store: cachedBodies(cacheDir), stats };
}

/** Bodies read from the cache's entries, as an output prints them. */
export function cachedBodies(cacheDir: string): Bodies {
  return {
    get(key) {
      const body = readEntry(cacheDir, key);
      if (!body) throw new Error(`The rendered body ${key} in ${cacheDir} is missing or damaged: build again with --force.`);
      return body;
    },
  };
}

/** What names a body's render: the renderer's version, the body, and its images (their addresses and sizes). */
function bodyKey(version: string, body: MarkdownBody): string {
  const hash = createHash('sha256').update(version).update('\0').update(body.markdown);
  if (body.images) hash.update('\0').update(JSON.stringify(body.images));
  return hash.digest('hex');
}

/** Worker threads that render bodies as they are handed over, each once by its key. */
export interface RenderPool {
  workers: number;
  /** Starts rendering a body (unless it is already), and gives its render. Sent with others by the batch: flush() sends the last. */
  submit(key: string, body: MarkdownBody): Promise<PoolRender>;
  /** The render of a body submitted before, if any. */
  take(key: string): Promise<PoolRender> | undefined;
  /** Sends what is submitted and not yet sent. */
  flush(): void;
  close(): Promise<void>;
}

/**
 * Starts `count` Markdown workers that render what is submitted. Each worker is sent several
 * batches ahead (IN_HAND), and more as it answers, so the workers go on while this thread is busy
 * (a build hands them the bodies it can take from the files, earlyRenders, then checks them,
 * letting the renders in every few hundred files). Each render is stored in `cacheDir` (the
 * renders' cache) as it comes, when there is one.
 */
export function startRenderPool(count: number, cacheDir?: string): RenderPool {
  type Settle = { resolve: (render: PoolRender) => void; reject: (e: Error) => void };
  const renders = new Map<string, { promise: Promise<PoolRender> } & Settle>();
  let pending: string[] = [];
  const bodies = new Map<string, MarkdownBody>();
  let failure: Error | undefined;
  let closed = false;
  const fail = (error: Error) => {
    if (closed) return;
    failure ??= error;
    for (const r of renders.values()) r.reject(failure);
  };
  const workers = Array.from({ length: count }, () => {
    const worker = startWorker('./markdown-worker', import.meta.url);
    // The batches sent and not yet answered, in order: a worker answers them in order.
    const inHand: string[][] = [];
    worker.on('message', (results: PoolRender[]) => {
      const keys = inHand.shift()!;
      for (const [k, render] of results.entries()) renders.get(keys[k]!)!.resolve(render);
      pump();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`A Markdown worker stopped (exit code ${code}).`)));
    return { worker, inHand };
  });
  // Batches not yet sent: a worker holds IN_HAND batches at most, so that the bodies of a large
  // archive are not all copied into the workers at once (at 100,000 articles, 500 MB).
  const queued: string[][] = [];
  const pump = () => {
    for (const w of workers) {
      while (w.inHand.length < IN_HAND && queued.length > 0) {
        const keys = queued.shift()!;
        w.inHand.push(keys);
        const batch: RenderBatch = { keys, bodies: keys.map((key) => bodies.get(key)!), cacheDir };
        w.worker.postMessage(batch);
        for (const key of keys) bodies.delete(key);
      }
    }
  };
  const flush = () => {
    if (pending.length > 0) queued.push(pending);
    pending = [];
    pump();
  };
  return {
    workers: count,
    submit(key, body) {
      const known = renders.get(key);
      if (known) return known.promise;
      let settle!: Settle;
      const promise = new Promise<PoolRender>((resolve, reject) => {
        settle = { resolve, reject };
      });
      // Awaited by renderBodies, or by nobody when the check stops the build.
      promise.catch(() => undefined);
      renders.set(key, { promise, ...settle });
      if (failure) settle.reject(failure);
      bodies.set(key, body);
      pending.push(key);
      if (pending.length >= BATCH) flush();
      return promise;
    },
    take: (key) => renders.get(key)?.promise,
    flush,
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

/**
 * Hands `pool` the bodies of `files` it can render before they are checked: each body as its
 * check will take it, unless it shows images (its render waits for their sizes) or its render is
 * in the cache already. A file the check then rejects, or a draft, was rendered for nothing.
 */
export async function earlyRenders(pool: RenderPool, files: readonly { bytes?: Uint8Array }[], cacheDir?: string): Promise<void> {
  const version = await rendererVersion();
  const listed = cacheDir ? listEntries(cacheDir) : new Set<string>();
  for (const { bytes } of files) {
    const markdown = bytes && bodyOfText(bytes);
    if (markdown === undefined || markdown.includes('![')) continue;
    const key = bodyKey(version, { markdown });
    if (!listed.has(key)) void pool.submit(key, { markdown });
  }
  pool.flush();
}

let versionPromise: Promise<string> | undefined;
/** A hash of what decides a render: the Markdown source files and the versions of the packages they use. */
function rendererVersion(): Promise<string> {
  versionPromise ??= (async () => {
    const hash = createHash('sha256');
    const dir = join(PACKAGE_ROOT, 'src/markdown');
    for (const name of (await readdir(dir)).sort()) hash.update(name).update(await readFile(join(dir, name)));
    // Every installed version (markdown-it, the sanitizer, the slugger…), not only
    // the ranges in package.json.
    hash.update(await readFile(join(PACKAGE_ROOT, 'package-lock.json')).catch(() => readFile(join(PACKAGE_ROOT, 'package.json'))));
    return hash.digest('hex');
  })();
  return versionPromise;
}

/**
 * The keys of the renders in the cache: one listing of each of its folders. Another build's
 * entry being written (`.tmp`) is not listed.
 */
function listEntries(dir: string): Set<string> {
  const keys = new Set<string>();
  const shards = existsSync(dir) ? readdirSync(dir) : [];
  for (const shard of shards) {
    if (shard.length !== 2) continue;
    for (const name of readdirSync(join(dir, shard))) if (name.endsWith('.json')) keys.add(name.slice(0, -'.json'.length));
  }
  return keys;
}
