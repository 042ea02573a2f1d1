import { Worker } from 'node:worker_threads';

/** Loads a TypeScript module in a worker thread (worker-from-source.js). */
const FROM_SOURCE = new URL('./worker-from-source.js', import.meta.url);

/**
 * Starts a worker thread running the module `name` beside `base` (the caller's import.meta.url):
 * the compiled one (dist/), or, when running from the TypeScript sources, the source through a
 * loader. The module reads no workerData (the loader uses it).
 */
export function startWorker(name: string, base: string): Worker {
  if (base.endsWith('.ts')) return new Worker(FROM_SOURCE, { workerData: { module: new URL(`${name}.ts`, base).href } });
  return new Worker(new URL(`${name}.js`, base));
}
