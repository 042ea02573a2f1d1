// A worker thread that renders article bodies, in batches sent by renderBodies.
import { parentPort } from 'node:worker_threads';
import { renderArticleBody } from '../markdown/render-markdown.ts';
import type { MarkdownBody } from './render-bodies.ts';

const port = parentPort;
if (!port) throw new Error('markdown-worker runs as a worker thread.');
port.on('message', (bodies: MarkdownBody[]) => {
  port.postMessage(bodies.map((body) => renderArticleBody(body.markdown, body.images)));
});
