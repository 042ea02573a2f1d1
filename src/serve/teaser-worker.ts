// The worker thread of teaserPagesOnWorker: holds the last build's model for `dateline serve` and
// renders the pages that print a changed teaser. Requests are answered one at a time, in order.

import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { TeaserRequest } from './teaser-pages.ts';
import { type TeaserPages, teaserPages } from './teaser-pages.ts';

const port = parentPort;
if (!port) throw new Error('teaser-worker runs as a worker thread.');
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
let pages: TeaserPages | undefined;
let queue = Promise.resolve();
port.on('message', (request: TeaserRequest) => {
  queue = queue.then(async () => {
    if (request.kind === 'start') pages = teaserPages(request.root, request.cacheDir, request.templates, request.overrides, request.links);
    else if (request.kind === 'load') {
      await pages?.load().catch(() => undefined);
      // Making the model allocates several times what it keeps.
      collectGarbage();
    } else if (request.kind === 'forget') pages?.forget();
    else {
      const previews = (await pages?.render(request.url, request.text, request.open).catch(() => [])) ?? [];
      port.postMessage({ id: request.id, previews });
    }
  });
});
