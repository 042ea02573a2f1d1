// A worker thread that draws maps for mapsOnWorker: it is sent every map to draw, in the order
// the pages need them, and answers each as it is drawn.
import { parentPort } from 'node:worker_threads';
import { drawMap, type MapJob, type MapResult } from './render-maps.ts';

const port = parentPort;
if (!port) throw new Error('maps-worker runs as a worker thread.');
port.on('message', (jobs: MapJob[]) => {
  for (const { key, kind, spec } of jobs) {
    let answer: MapResult;
    try {
      answer = { key, svg: drawMap(kind, spec) };
    } catch (error) {
      answer = { key, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  }
});
