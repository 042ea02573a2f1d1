// A worker thread that writes Pagefind bundles, one message each, sent by pagefindWorker.
import { parentPort } from 'node:worker_threads';
import { type BundleJob, type BundleResult, indexBundle } from './pagefind-bundle.ts';

const port = parentPort;
if (!port) throw new Error('pagefind-worker runs as a worker thread.');
port.on('message', (job: BundleJob) => {
  const answer = (result: BundleResult) => port.postMessage(result);
  indexBundle(job).then(
    (written) => answer(written),
    (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
  );
});
