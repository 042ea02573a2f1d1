// A worker thread that makes the last build's model (lastBuildModel) for `dateline serve`, off
// the thread that answers the browser: one request, one answer.
import { parentPort } from 'node:worker_threads';
import type { SiteConfig } from '../config/site-config.ts';
import { lastBuildModel } from './last-build-model.ts';

const port = parentPort;
if (!port) throw new Error('model-worker runs as a worker thread.');
port.once('message', async ({ root, cacheDir, overrides }: { root: string; cacheDir: string; overrides: Partial<SiteConfig> }) => {
  port.postMessage(await lastBuildModel(root, cacheDir, overrides).catch(() => undefined));
});
