// A worker thread that renders article bodies. Plain JavaScript, so it can register tsx itself:
// worker threads do not inherit the loader of the thread that starts them.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { renderArticleBody } = await import('../markdown/render-markdown.ts');
parentPort.on('message', (bodies) => {
  parentPort.postMessage(bodies.map((body) => renderArticleBody(body)));
});
