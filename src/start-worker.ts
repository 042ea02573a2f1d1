import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Loads a TypeScript module in a worker thread (worker-from-source.js). */
const FROM_SOURCE = new URL('./worker-from-source.js', import.meta.url);
/** Runs a bundled worker script through V8's code cache (scripts/worker.js). */
const BUNDLED = new URL('../scripts/worker.js', import.meta.url);
/** Where the bundled scripts are (dist/, beside this module compiled). */
const BUNDLED_FOLDER = new URL('./', import.meta.url);

/**
 * Starts a worker thread running the module `name` beside `base` (the caller's import.meta.url):
 * compiled, its bundled script (`dist/<name>.cjs`, scripts/bundle.js); or, when running from the
 * TypeScript sources, the source through a loader. The module reads no workerData (the loaders
 * use it).
 */
export function startWorker(name: string, base: string): Worker {
  const started = ahead.get(name);
  ahead.delete(name);
  if (started && !started.stopped) {
    started.worker.ref();
    return started.worker;
  }
  if (base.endsWith('.ts')) return new Worker(FROM_SOURCE, { workerData: { module: new URL(`${name}.ts`, base).href } });
  const script = fileURLToPath(new URL(`${basename(name)}.cjs`, BUNDLED_FOLDER));
  return new Worker(BUNDLED, { workerData: { script, name: basename(name) } });
}

/** Worker threads started ahead of their use (startAhead), by module name, and whether each has stopped since. */
const ahead = new Map<string, { worker: Worker; stopped: boolean }>();

/**
 * Starts the worker thread `name` now (as startWorker), for the next startWorker of the same
 * name to take: a thread takes about 0.1 s to start (Node's internal modules, then its script),
 * which a build spends on the other core while this one checks the articles and makes the model,
 * rather than when the thread is first needed. It holds the process open only once taken: one
 * never taken (a build that stops before writing) ends with the process.
 */
export function startAhead(name: string, base: string): void {
  if (ahead.get(name)?.stopped === false) return;
  const worker = startWorker(name, base);
  const thread = { worker, stopped: false };
  const stopped = () => {
    thread.stopped = true;
  };
  worker.once('error', stopped).once('exit', stopped);
  worker.unref();
  ahead.set(name, thread);
}
