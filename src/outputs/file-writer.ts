import { setImmediate } from 'node:timers/promises';
import { startAhead, startWorker } from '../start-worker.ts';

/** The writer thread's module. */
const WRITER = './file-writer-worker';

/**
 * What a fileWriter's thread is sent: files (absolute paths), their contents, and whether each
 * is added at the file's end rather than written over it, in order.
 */
export interface WriteBatch {
  /** Texts that files of this batch or later ones print (SharedText), by number, written into none yet. */
  shared?: [number, string][];
  files: [string, FileContent, boolean][];
  /** After this batch's files, the shared texts are let go. */
  forget?: boolean;
}

/**
 * A file's bytes: a text, bytes, or a text in pieces, whose numbers stand for texts the writer
 * was given once (`share`): a long text printed in many files (an article's content in each of
 * its feeds) is sent to the thread and encoded once.
 */
export type FileContent = string | Uint8Array | (string | number)[];
/** Its answer once a batch is written, or the first file of it that could not be. */
export interface WriteResult {
  error?: string;
}

/** Writes files on a thread of its own (fileWriter). */
export interface FileWriter {
  /**
   * Hands a file over to be written, its folder made first if need be. Resolves once the caller
   * may go on: at once, after a turn of the event loop when a batch was sent, or when the thread
   * has caught up if too much is waiting. Rejects once a write has failed. With `append`, the
   * content is added at the file's end (in one write), the file made if need be.
   */
  write(file: string, content: FileContent, append?: boolean): Promise<void>;
  /** Hands a text over for files to print (their content's numbers): its number. */
  share(text: string): number;
  /** Lets go of every shared text, once the files handed over so far are written. */
  forget(): void;
  /** Resolves once every file handed over is written; rejects with the first failure. */
  flush(): Promise<void>;
  /** Waits for the batches sent, then stops the thread (after a failure too). */
  close(): Promise<void>;
}

/** Files sent to the thread at a time. */
const BATCH_FILES = 16;
/** Characters (or bytes) handed over and not yet written above which `write` waits. */
const WAITING_MAX = 32 * 1024 * 1024;
/**
 * Most milliseconds between two turns of the event loop that `write` gives: other threads' and
 * processes' answers (maps drawn, Pagefind's, this writer's) wait no longer than this while pages
 * are rendered. Once a batch, a small site's 10 search records took 0.2 s to index (four answers
 * from Pagefind, each waiting for 16 pages to be rendered) where Pagefind needs 40 ms.
 */
const TURN_MS = 4;

/**
 * A thread that writes the site's files. Written from the build thread, each page cost four
 * requests to libuv's thread pool (a folder, open, write, close), each a hand-over between
 * threads on a machine whose cores are both busy: about 2 s of the build thread at 1,000 articles.
 * Here the build thread sends its files a batch at a time and goes on rendering, and this thread
 * makes the folders (each once) and writes the files one after another, synchronously.
 *
 * A `write` is answered after a turn of the event loop when TURN_MS have passed since the last,
 * so the other threads' messages (maps drawn, search parts indexed) are taken while pages are
 * rendered.
 */
export function fileWriter(): FileWriter {
  const worker = startWorker(WRITER, import.meta.url);
  let batch: WriteBatch['files'] = [];
  let shared: [number, string][] = [];
  let sharedCount = 0;
  let batchSize = 0;
  /** Sizes of the batches sent and not yet answered, oldest first. */
  const sent: number[] = [];
  let waiting = 0;
  /** When `write` last gave the event loop a turn. */
  let turn = performance.now();
  let failure: Error | undefined;
  let caughtUp: (() => void)[] = [];
  let flushed: { resolve(): void; reject(error: Error): void }[] = [];
  let answered: (() => void)[] = [];

  const settle = () => {
    if (failure) {
      for (const f of flushed) f.reject(failure);
      flushed = [];
    } else if (sent.length === 0 && batch.length === 0) {
      for (const f of flushed) f.resolve();
      flushed = [];
    }
    if (failure || waiting <= WAITING_MAX) {
      for (const go of caughtUp) go();
      caughtUp = [];
    }
    if (sent.length === 0) {
      for (const done of answered) done();
      answered = [];
    }
  };
  const fail = (error: Error) => {
    failure ??= error;
    settle();
  };
  const send = (forget = false) => {
    if ((batch.length === 0 && !forget) || failure) return;
    worker.postMessage({ files: batch, ...(shared.length > 0 && { shared }), ...(forget && { forget }) } satisfies WriteBatch);
    sent.push(batchSize);
    batch = [];
    shared = [];
    batchSize = 0;
  };
  const hold = (size: number) => {
    batchSize += size;
    waiting += size;
  };
  worker.on('message', (result: WriteResult) => {
    waiting -= sent.shift() ?? 0;
    if (result.error) fail(new Error(`Writing the site failed: ${result.error}`));
    settle();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (sent.length > 0 || batch.length > 0) fail(new Error(`The file writer stopped (exit code ${code}).`));
    sent.length = 0;
    settle();
  });

  return {
    async write(file, content, append = false) {
      if (failure) throw failure;
      batch.push([file, content, append]);
      // A text in pieces holds its own strings; the shared texts were counted when shared.
      hold(Array.isArray(content) ? content.reduce((n: number, p) => n + (typeof p === 'string' ? p.length : 0), 0) : content.length);
      if (batch.length >= BATCH_FILES) send();
      if (waiting > WAITING_MAX) await new Promise<void>((resolve) => caughtUp.push(resolve));
      else if (performance.now() - turn >= TURN_MS) {
        await setImmediate();
        turn = performance.now();
      } else return;
      if (failure) throw failure;
    },
    share(text) {
      shared.push([++sharedCount, text]);
      hold(text.length);
      return sharedCount;
    },
    forget() {
      send(true);
    },
    flush() {
      send();
      return new Promise((resolve, reject) => {
        flushed.push({ resolve, reject });
        settle();
      });
    },
    async close() {
      if (!failure) send();
      // A stopped thread has none left (its exit emptied `sent`).
      if (sent.length > 0) await new Promise<void>((resolve) => answered.push(resolve));
      await worker.terminate();
    },
  };
}

/**
 * Starts the next fileWriter's thread now (startAhead): a small site's last files waited for it
 * when it started at the first page.
 */
export function startWriterThread(): void {
  startAhead(WRITER, import.meta.url);
}
