import { setImmediate } from 'node:timers/promises';
import { startAhead, startWorker } from '../start-worker.ts';

/** The writer thread's module. */
const WRITER = './file-writer-worker';

/**
 * What a fileWriter's thread is sent: files (absolute paths), their contents, and whether each
 * must appear whole or not at all (written beside it, then renamed), in order.
 */
export interface WriteBatch {
  files: [string, string | Uint8Array, boolean][];
}
/** Its answer once a batch is written, or the first file of it that could not be. */
export interface WriteResult {
  error?: string;
}

/** Writes files on a thread of its own (fileWriter). */
export interface FileWriter {
  /**
   * Hands a file over to be written, its folder made first if need be. Resolves once the caller
   * may go on: at once, after a turn of the event loop when a batch was sent, or when the thread
   * has caught up if too much is waiting. Rejects once a write has failed. With `whole`, the
   * file is written beside its place and renamed into it (for a cache a crash must not tear).
   */
  write(file: string, content: string | Uint8Array, whole?: boolean): Promise<void>;
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
  const send = () => {
    if (batch.length === 0 || failure) return;
    worker.postMessage({ files: batch } satisfies WriteBatch);
    sent.push(batchSize);
    batch = [];
    batchSize = 0;
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
    async write(file, content, whole = false) {
      if (failure) throw failure;
      batch.push([file, content, whole]);
      batchSize += content.length;
      waiting += content.length;
      if (batch.length >= BATCH_FILES) send();
      if (waiting > WAITING_MAX) await new Promise<void>((resolve) => caughtUp.push(resolve));
      else if (performance.now() - turn >= TURN_MS) {
        await setImmediate();
        turn = performance.now();
      } else return;
      if (failure) throw failure;
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
