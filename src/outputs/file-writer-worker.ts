// The thread of a fileWriter: it is sent the site's files a batch at a time, in the order they
// were handed over, writes each (making its folder first, each folder once; a file that must
// appear whole beside it, then renamed) and answers each batch.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import type { WriteBatch, WriteResult } from './file-writer.ts';

const port = parentPort;
if (!port) throw new Error('file-writer-worker runs as a worker thread.');
const folders = new Set<string>();
port.on('message', ({ files }: WriteBatch) => {
  let answer: WriteResult = {};
  for (const [file, content, whole] of files) {
    try {
      const dir = dirname(file);
      if (!folders.has(dir)) {
        mkdirSync(dir, { recursive: true });
        folders.add(dir);
      }
      if (whole) {
        const temp = `${file}.${process.pid}-${threadId}.tmp`;
        writeFileSync(temp, content);
        renameSync(temp, file);
      } else writeFileSync(file, content);
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  port.postMessage(answer);
});
