import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import pLimit from 'p-limit';
import pMap from 'p-map';
import * as pagefind from 'pagefind';
import { startAhead, startWorker } from '../../start-worker.ts';
import { mergePagefindBundles, readBundle } from './merge-pagefind.ts';
import type { SearchRecord } from './search-records.ts';

const RECORD_BATCH = 200;

/**
 * The most records one Pagefind process indexes. Pagefind 1.6 holds several copies of every
 * record's word positions while it builds (about 300 KB a record of 600 words here: 1.5 GiB for
 * 5,000), so a larger bundle is indexed in parts of this size, one process after the other, and
 * the parts merged into the bundle one process would have written (mergePagefindBundles).
 */
export const PAGEFIND_PROCESS_RECORDS = 1_000;

/** A bundle of `size` records cut into the runs one Pagefind process each indexes, and where each is written. */
function partsOf(size: number, outputPath: string, processRecords: number): { from: number; to: number; outputPath: string }[] {
  if (size <= processRecords) return [{ from: 0, to: size, outputPath }];
  const parts = [];
  for (let from = 0; from < size; from += processRecords)
    parts.push({ from, to: Math.min(size, from + processRecords), outputPath: join(`${outputPath}.parts`, String(parts.length)) });
  return parts;
}

/** What the merge needs of every record of a bundle in parts: its sort values, by sort key, in order. */
export function sortValuesOf(records: readonly Pick<SearchRecord, 'sort'>[]): Record<string, string[]> {
  return Object.fromEntries(Object.keys(records[0]?.sort ?? {}).map((key) => [key, records.map((r) => r.sort[key]!)]));
}

/**
 * Makes one bundle of the parts written at `parts` (merged, and the parts removed; a single part
 * is the bundle already); returns its number of files.
 */
async function joinParts(parts: readonly string[], outputPath: string, sortValues: Record<string, string[]>): Promise<number> {
  if (parts.length > 1 || parts[0] !== outputPath) {
    await mergePagefindBundles(parts, outputPath, sortValues);
    await rm(`${outputPath}.parts`, { recursive: true, force: true });
  }
  // Counted on disk: getFiles() would send every file's bytes back over the pipe.
  return (await readdir(outputPath, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
}

/**
 * Indexes records and writes them as one Pagefind bundle, at most `processRecords` records a
 * Pagefind process, one process after the other; returns its number of files.
 */
export async function writePagefindBundle(
  records: readonly SearchRecord[],
  lang: string,
  outputPath: string,
  processRecords = PAGEFIND_PROCESS_RECORDS,
): Promise<number> {
  const parts = partsOf(records.length, outputPath, processRecords);
  for (const part of parts) await indexRecords(records.slice(part.from, part.to), lang, part.outputPath);
  return joinParts(
    parts.map((p) => p.outputPath),
    outputPath,
    sortValuesOf(records),
  );
}

/**
 * Indexes records and writes their bundle in a Pagefind process of their own, ended (and waited
 * for) before the next starts, so that two never hold memory at once. One process's peak is
 * reached within a part (661 MiB at most at 100,000 articles, as when parts shared a process).
 */
async function indexRecords(records: readonly SearchRecord[], lang: string, outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: lang.split('-')[0], keepIndexUrl: false });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const processes = pagefindProcesses();
  try {
    // Sent in batches rather than one round trip at a time: the binary reads them in order. The
    // next batch is sent before the last is answered, so the binary never waits for one.
    let answered: Promise<void> = Promise.resolve();
    for (let start = 0; start < records.length; start += RECORD_BATCH) {
      const batch = records.slice(start, start + RECORD_BATCH);
      const sent = Promise.all(batch.map((record) => index.addCustomRecord(record))).then((results) =>
        results.forEach((added, i) => {
          if (added.errors.length) throw new Error(`Pagefind could not index ${batch[i]!.url}: ${added.errors.join('; ')}`);
        }),
      );
      sent.catch(() => undefined);
      await answered;
      answered = sent;
    }
    await answered;
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await index.deleteIndex();
    await pagefind.close();
    await exited(processes);
  }
}

/**
 * The Pagefind processes this process started, by id, read from Linux's /proc (empty
 * elsewhere): the npm package does not expose its child, and its close() only signals it.
 */
function pagefindProcesses(): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return [];
  }
  const children = tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean);
    } catch {
      return [];
    }
  });
  return children.filter((pid) => processState(pid)?.name.startsWith('pagefind')).map(Number);
}

/** A process's name and state letter from /proc/<pid>/stat, or undefined once it is gone. */
function processState(pid: string | number): { name: string; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), state: stat.slice(stat.lastIndexOf(')') + 2)[0]! };
  } catch {
    return undefined;
  }
}

/**
 * Waits (up to 10 s) until the processes have exited, so that a Pagefind process still freeing
 * its memory does not overlap the next one.
 */
async function exited(pids: readonly number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  const alive = () => pids.some((pid) => (processState(pid)?.state ?? 'Z') !== 'Z');
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A bundle to write: its records, the language to index them in, its folder, and whether it keeps Pagefind's scripts (the main bundle's, which the page runs). */
export interface BundleJob {
  records: readonly SearchRecord[];
  lang: string;
  outputPath: string;
  scripts: boolean;
}

/** A written bundle: its number of files, and Pagefind's id of each record (by URL). */
export interface WrittenBundle {
  files: number;
  ids: [url: string, id: string][];
}

/** Writes a bundle (writePagefindBundle) here, without the scripts unless asked, and reads its records' ids. */
export async function indexBundle(job: BundleJob): Promise<WrittenBundle> {
  const files = await writePagefindBundle(job.records, job.lang, job.outputPath);
  return bundleOf(
    job.outputPath,
    files,
    job.scripts,
    job.records.map((r) => r.url),
  );
}

/** A bundle's written files less its scripts unless asked, and its records' ids (`urls`: the records' URLs in the order they were indexed). */
async function bundleOf(outputPath: string, files: number, scripts: boolean, urls: readonly string[]): Promise<WrittenBundle> {
  const kept = scripts ? files : files - (await removeScripts(outputPath));
  return { files: kept, ids: [...(await recordIds(outputPath, urls))] };
}

/** What a Pagefind worker is asked: to index one part of a bundle, or to make a bundle of its written parts. */
export type PagefindTask =
  | { kind: 'part'; records: readonly SearchRecord[]; lang: string; outputPath: string }
  | { kind: 'bundle'; parts: string[]; outputPath: string; sortValues: Record<string, string[]>; scripts: boolean; urls: string[] };

/** What the worker answers: the bundle made (null for a part), or why the task failed. */
export type TaskResult = { done: WrittenBundle | null } | { error: string };

/** Carries out a PagefindTask (on a worker thread, pagefind-worker.ts). */
export async function runTask(task: PagefindTask): Promise<WrittenBundle | null> {
  if (task.kind === 'part') {
    await indexRecords(task.records, task.lang, task.outputPath);
    return null;
  }
  return bundleOf(task.outputPath, await joinParts(task.parts, task.outputPath, task.sortValues), task.scripts, task.urls);
}

/**
 * A bundle for the pool: its number of records, made a run at a time when their part is indexed
 * (so the records of a large archive are never all held at once), and each record's sort values.
 */
export interface PooledBundle extends Omit<BundleJob, 'records'> {
  size: number;
  records(from: number, to: number): SearchRecord[];
  sortValues: Record<string, string[]>;
  /** The records' URLs, in order. */
  urls: string[];
}

/** The module of pagefindPool's worker threads. */
const PAGEFIND_WORKER = './pagefind-worker';

/** Starts the next pagefindPool's first worker thread now (startAhead). */
export function startPagefindThread(): void {
  startAhead(PAGEFIND_WORKER, import.meta.url);
}

/** Pagefind processes at once while the pages are rendered (the other core renders them), and after (widen). */
const PROCESSES_BESIDE_PAGES = 1;
const PROCESSES_AFTER_PAGES = 2;

/**
 * Writes bundles with Pagefind processes on worker threads (pagefind-worker.ts), each process a
 * part of at most PAGEFIND_PROCESS_RECORDS records: one process at a time while the build thread
 * renders pages (two at once took the pages from 33 to 61 s at 10,000 articles), two at once
 * when `widen()` says it is done, on a worker thread each (Pagefind's Node API runs one process a
 * thread). Parts are taken in the order bundles are written; a bundle's parts are merged on a
 * worker once they are all written, while other parts are indexed. `close` ends the workers.
 */
export function pagefindPool(processRecords = PAGEFIND_PROCESS_RECORDS): {
  write(job: PooledBundle): Promise<WrittenBundle>;
  widen(): void;
  close(): Promise<void>;
} {
  const limit = pLimit(PROCESSES_BESIDE_PAGES);
  // The first worker loads its modules while the first part's records are made.
  const idle: Worker[] = [startWorker(PAGEFIND_WORKER, import.meta.url)];
  const started = new Set<Worker>(idle);
  const ask = (worker: Worker, task: PagefindTask) =>
    new Promise<WrittenBundle | null>((resolve, reject) => {
      const stopped = (code: number) => reject(new Error(`The Pagefind worker stopped (exit code ${code}).`));
      const done = () => {
        worker.off('error', reject);
        worker.off('exit', stopped);
      };
      worker.once('message', (result: TaskResult) => {
        done();
        if ('error' in result) reject(new Error(result.error));
        else resolve(result.done);
      });
      worker.once('error', reject);
      worker.once('exit', stopped);
      worker.postMessage(task);
    });
  const run = async (task: () => PagefindTask) => {
    const worker = idle.pop() ?? startWorker(PAGEFIND_WORKER, import.meta.url);
    started.add(worker);
    const result = await ask(worker, task());
    // A worker that failed is not asked again (close ends it).
    idle.push(worker);
    return result;
  };
  return {
    async write(job) {
      const { lang, outputPath, scripts, sortValues, urls } = job;
      const parts = partsOf(job.size, outputPath, processRecords);
      await Promise.all(
        parts.map((part) =>
          limit(() => run(() => ({ kind: 'part', records: job.records(part.from, part.to), lang, outputPath: part.outputPath }))),
        ),
      );
      const paths = parts.map((p) => p.outputPath);
      return (await limit(() => run(() => ({ kind: 'bundle', parts: paths, outputPath, sortValues, scripts, urls }))))!;
    },
    widen() {
      limit.concurrency = PROCESSES_AFTER_PAGES;
    },
    async close() {
      limit.clearQueue();
      // A part still being indexed (a build that stops): its process is ended with its thread,
      // and waited for, so that nothing writes into the folder once this is done.
      const running = started.size > idle.length ? pagefindProcesses() : [];
      await Promise.all([...started].map((w) => w.terminate()));
      for (const pid of running) {
        try {
          process.kill(pid);
        } catch {
          // Gone already.
        }
      }
      await exited(running);
      started.clear();
      idle.length = 0;
    },
  };
}

/** What the build reads of a Pagefind fragment (a record as Pagefind stored it). */
interface Fragment {
  url: string;
  filters: Record<string, string[]>;
}

/** Pagefind's fragment files are gzip of a signature and the JSON. */
export async function readFragment(path: string): Promise<Fragment> {
  const text = (await promisify(gunzip)(await readFile(path))).toString('utf8');
  return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
}

/**
 * Pagefind's id for each record of a written bundle, by URL: the name of its fragment file (the
 * id a search result carries), which the page needs to hide a record that is later superseded.
 * Pagefind's meta file lists a bundle's pages, by those names, in the order their records were
 * added (its service takes one request after another and appends each page: `fossick_one`), and
 * a merged bundle keeps its parts' order: the names are paired with `urls`, the records' URLs in
 * that order, and the pairing checked on the first and the last record's fragment. Otherwise (a
 * record Pagefind left out, having no words; another order) every fragment is read for its URL:
 * 0.5 s of the search's last step at 1,000 records.
 */
async function recordIds(bundleDir: string, urls: readonly string[]): Promise<Map<string, string>> {
  const fragment = (name: string) => join(bundleDir, 'fragment', `${name}.pf_fragment`);
  const names = (await readBundle(bundleDir)).meta[1].map(([name]) => name);
  if (names.length === urls.length && urls.length > 0) {
    const ends = [0, urls.length - 1];
    const urlsOfEnds = await Promise.all(ends.map(async (i) => (await readFragment(fragment(names[i]!))).url));
    if (ends.every((i, n) => urlsOfEnds[n] === urls[i])) return new Map(names.map((name, i) => [urls[i]!, name]));
  }
  const files = (await readdir(join(bundleDir, 'fragment'))).filter((n) => n.endsWith('.pf_fragment'));
  const pairs = await pMap(
    files,
    async (file) => [(await readFragment(join(bundleDir, 'fragment', file))).url, file.slice(0, -'.pf_fragment'.length)] as const,
    { concurrency: 16 },
  );
  return new Map(pairs);
}

/**
 * A merged bundle needs only its index files: the page runs the main bundle's pagefind.js and
 * WebAssembly. Removes the scripts, styles and WebAssembly Pagefind writes into every bundle;
 * returns how many files it removed.
 */
async function removeScripts(bundleDir: string): Promise<number> {
  const unused = (await readdir(bundleDir, { withFileTypes: true })).filter((e) => e.isFile() && /\.(?:js|css)$|^wasm\./.test(e.name));
  await Promise.all(unused.map((e) => rm(join(bundleDir, e.name))));
  return unused.length;
}
