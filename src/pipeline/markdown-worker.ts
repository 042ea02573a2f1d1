// A worker thread that renders article bodies, in batches sent by startRenderPool, and stores
// each render in the cache folder when it is given one (answering with its summary alone).
import { parentPort } from 'node:worker_threads';
import { renderArticleBody } from '../markdown/render-markdown.ts';
import { type PoolRender, type RenderBatch, summaryOf, writeEntrySync } from './render-cache.ts';

const port = parentPort;
if (!port) throw new Error('markdown-worker runs as a worker thread.');
port.on('message', ({ keys, bodies, cacheDir }: RenderBatch) => {
  const renders = bodies.map((body, k): PoolRender => {
    const rendered = renderArticleBody(body.markdown, body.images);
    if (!cacheDir) return { summary: summaryOf(rendered), body: rendered };
    writeEntrySync(cacheDir, keys[k]!, rendered);
    return { summary: summaryOf(rendered) };
  });
  port.postMessage(renders);
});
