import type { ProgressEvent } from '../pipeline/run-build.ts';

const BAR_WIDTH = 24;
/** Redraws at most this often: a terminal write per page would slow a large build. */
const REDRAW_MS = 100;

/**
 * Shows a build's progress: on a terminal, one line redrawn in place with a bar for the stage
 * that counts (Markdown, pages); elsewhere (CI, pipes, editors) a plain line as each stage ends.
 */
export function progressReporter(
  write: (text: string) => void,
  interactive: boolean,
): { onEvent: (e: ProgressEvent) => void; finish: () => void } {
  const started = new Map<string, number>();
  let lastDraw = 0;
  let drawn = false;
  const clear = () => {
    if (drawn) write('\r\x1b[2K');
    drawn = false;
  };
  return {
    onEvent(e) {
      if (e.state === 'start') started.set(e.stage, performance.now());
      if (!interactive) {
        if (e.state === 'end') write(`${e.stage.padEnd(9)} ${seconds(performance.now() - (started.get(e.stage) ?? 0))}\n`);
        return;
      }
      const now = performance.now();
      if (e.state === 'advance' && now - lastDraw < REDRAW_MS && e.done !== e.total) return;
      lastDraw = now;
      clear();
      const count = e.total ? ` ${bar(e.done ?? 0, e.total)} ${e.done ?? 0}/${e.total}` : '';
      write(`${e.state === 'end' ? '✓' : '…'} ${e.stage}${count}`);
      drawn = true;
    },
    finish: clear,
  };
}

function bar(done: number, total: number): string {
  const filled = Math.round((BAR_WIDTH * done) / Math.max(total, 1));
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
