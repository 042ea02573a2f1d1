// A worker thread's script when Dateline runs compiled (startWorker): the bundled worker it names
// (dist/<name>.cjs), through V8's code cache of it (run-script.js). The cache is made once the
// worker's modules are loaded: a worker is ended by the thread that started it, not by itself.
import { workerData } from 'node:worker_threads';
import { runScript } from './run-script.js';

runScript(workerData.script, workerData.name).saveCache();
