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
  if (base.endsWith('.ts')) return new Worker(FROM_SOURCE, { workerData: { module: new URL(`${name}.ts`, base).href } });
  const script = fileURLToPath(new URL(`${basename(name)}.cjs`, BUNDLED_FOLDER));
  return new Worker(BUNDLED, { workerData: { script, name: basename(name) } });
}
