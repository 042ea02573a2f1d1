import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import pMap from 'p-map';
import * as pagefind from 'pagefind';
import { startWorker } from '../../start-worker.ts';
import { mergePagefindBundles } from './merge-pagefind.ts';
import type { SearchRecord } from './search-records.ts';

const RECORD_BATCH = 200;

/**
 * The most records one Pagefind process indexes. Pagefind 1.6 holds several copies of every
 * record's word positions while it builds (about 300 KB a record of 600 words here: 1.5 GiB for
 * 5,000), so a larger bundle is indexed in parts of this size, one process after the other, and
 * the parts merged into the bundle one process would have written (mergePagefindBundles).
 */
export const PAGEFIND_PROCESS_RECORDS = 1_000;

/**
 * Indexes records and writes them as one Pagefind bundle, at most `processRecords` records a
 * Pagefind process; returns its number of files.
 */
export async function writePagefindBundle(
  records: readonly SearchRecord[],
  lang: string,
  outputPath: string,
  processRecords = PAGEFIND_PROCESS_RECORDS,
): Promise<number> {
  if (records.length <= processRecords) await indexRecords(records, lang, outputPath);
  else {
    const partsDir = `${outputPath}.parts`;
    const parts: string[] = [];
    for (let start = 0; start < records.length; start += processRecords) {
      parts.push(join(partsDir, String(parts.length)));
      await indexRecords(records.slice(start, start + processRecords), lang, parts[parts.length - 1]!);
    }
    const sortKeys = Object.keys(records[0]!.sort);
    await mergePagefindBundles(parts, outputPath, Object.fromEntries(sortKeys.map((key) => [key, records.map((r) => r.sort[key]!)])));
    await rm(partsDir, { recursive: true, force: true });
  }
  // Counted on disk: getFiles() would send every file's bytes back over the pipe.
  return (await readdir(outputPath, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
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
    // Sent in batches rather than one round trip at a time: the binary reads them in order.
    for (let start = 0; start < records.length; start += RECORD_BATCH) {
      const batch = records.slice(start, start + RECORD_BATCH);
      const results = await Promise.all(batch.map((record) => index.addCustomRecord(record)));
      results.forEach((added, i) => {
        if (added.errors.length) throw new Error(`Pagefind could not index ${batch[i]!.url}: ${added.errors.join('; ')}`);
      });
    }
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

/** What the worker answers: the written bundle, or why it could not write it. */
export type BundleResult = WrittenBundle | { error: string };

/** Writes a bundle (writePagefindBundle), without the scripts unless asked, and reads its records' ids. */
export async function indexBundle(job: BundleJob): Promise<WrittenBundle> {
  let files = await writePagefindBundle(job.records, job.lang, job.outputPath);
  if (!job.scripts) files -= await removeScripts(job.outputPath);
  return { files, ids: [...(await recordIds(job.outputPath))] };
}

/**
 * writePagefindBundle on a worker thread (pagefind-worker.ts), one bundle after the other: the
 * records are sent to Pagefind and the parts merged there, so the thread that renders pages in
 * the meantime does not keep Pagefind waiting for its next batch (at 10,000 articles, Pagefind
 * was alive for 82 s and busy for 35 s when fed from the rendering thread). Started at the first
 * bundle; `close` ends it.
 */
export function pagefindWorker(): { write(job: BundleJob): Promise<WrittenBundle>; close(): Promise<void> } {
  let worker: Worker | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const run = (job: BundleJob) =>
    new Promise<WrittenBundle>((resolve, reject) => {
      worker ??= startWorker('./pagefind-worker', import.meta.url);
      const w = worker;
      const stopped = (code: number) => reject(new Error(`The Pagefind worker stopped (exit code ${code}).`));
      const done = () => {
        w.off('error', reject);
        w.off('exit', stopped);
      };
      w.once('message', (result: BundleResult) => {
        done();
        if ('error' in result) reject(new Error(result.error));
        else resolve(result);
      });
      w.once('error', reject);
      w.once('exit', stopped);
      w.postMessage(job);
    });
  return {
    write(job) {
      const result = queue.then(() => run(job));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      await worker?.terminate();
      worker = undefined;
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
 */
async function recordIds(bundleDir: string): Promise<Map<string, string>> {
  const names = (await readdir(join(bundleDir, 'fragment'))).filter((n) => n.endsWith('.pf_fragment'));
  const pairs = await pMap(
    names,
    async (name) => [(await readFragment(join(bundleDir, 'fragment', name))).url, name.slice(0, -'.pf_fragment'.length)] as const,
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
