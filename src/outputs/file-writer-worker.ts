// The thread of a fileWriter: it is sent the site's files a batch at a time, in the order they
// were handed over, writes each (making its folder first, each folder once) and answers each batch.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { WriteBatch, WriteResult } from './file-writer.ts';

const port = parentPort;
if (!port) throw new Error('file-writer-worker runs as a worker thread.');
const folders = new Set<string>();
port.on('message', ({ files }: WriteBatch) => {
  let answer: WriteResult = {};
  for (const [file, content] of files) {
    try {
      const dir = dirname(file);
      if (!folders.has(dir)) {
        mkdirSync(dir, { recursive: true });
        folders.add(dir);
      }
      writeFileSync(file, content);
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  port.postMessage(answer);
});
