// A worker thread that runs Pagefind tasks for pagefindPool, one message each: indexes a part
// of a bundle in a Pagefind process of its own, or makes a bundle of its written parts.
import { parentPort } from 'node:worker_threads';
import { type PagefindTask, runTask, type TaskResult } from './pagefind-bundle.ts';

const port = parentPort;
if (!port) throw new Error('pagefind-worker runs as a worker thread.');
port.on('message', (task: PagefindTask) => {
  const answer = (result: TaskResult) => port.postMessage(result);
  runTask(task).then(
    (done) => answer({ done }),
    (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
  );
});
