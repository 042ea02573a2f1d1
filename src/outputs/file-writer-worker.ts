// The thread of a fileWriter: it is sent the site's files a batch at a time, in the order they
// were handed over, writes each (making its folder first, each folder once; over the file, or
// at its end) and answers each batch. Texts shared by many files (a feed's article contents)
// come once, and are let go when asked.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { FileContent, WriteBatch, WriteResult } from './file-writer.ts';

const port = parentPort;
if (!port) throw new Error('file-writer-worker runs as a worker thread.');
const folders = new Set<string>();
/** The texts files print by number (WriteBatch `shared`), encoded. */
const shared = new Map<number, Buffer>();
/** A file's content as bytes, or as the text to write. */
const bytesOf = (content: FileContent): string | Uint8Array =>
  typeof content === 'string' || content instanceof Uint8Array
    ? content
    : Buffer.concat(content.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : sharedText(piece))));
const sharedText = (n: number): Buffer => {
  const text = shared.get(n);
  if (!text) throw new Error(`No shared text ${n}`);
  return text;
};
port.on('message', ({ files, shared: texts, forget }: WriteBatch) => {
  let answer: WriteResult = {};
  for (const [n, text] of texts ?? []) shared.set(n, Buffer.from(text));
  for (const [file, written, append] of files) {
    try {
      const content = bytesOf(written);
      const dir = dirname(file);
      if (!folders.has(dir)) {
        mkdirSync(dir, { recursive: true });
        folders.add(dir);
      }
      if (append) appendFileSync(file, content);
      else writeFileSync(file, content);
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  if (forget) shared.clear();
  port.postMessage(answer);
});
