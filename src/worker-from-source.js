// A worker thread's module when Dateline runs from its TypeScript sources (the test suite), not
// from dist/: worker threads do not inherit the loader of the thread that starts them, so this
// plain JavaScript file registers tsx before loading the module startWorker names.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
