import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends a run with its five slowest test files (import, tests and hooks) and one plain line,
 * `Tests: N passed, N failed, N skipped`, which CI reads. A file that failed before its tests
 * ran (an import or a setup hook that threw) counts as one failure, and so does an unhandled error.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const timed = modules.map((m) => {
      const d = m.diagnostic();
      return { file: relative(process.cwd(), m.moduleId), project: m.project.name, seconds: (d.collectDuration + d.duration) / 1000 };
    });
    // Every file's import (collect) and test time, for a closer look: DATELINE_TEST_TIMES=file.json.
    if (process.env.DATELINE_TEST_TIMES) {
      const all = modules.map((m) => ({
        file: relative(process.cwd(), m.moduleId),
        collect: m.diagnostic().collectDuration,
        tests: m.diagnostic().duration,
      }));
      writeFileSync(process.env.DATELINE_TEST_TIMES, JSON.stringify(all, null, 1));
    }
    const slowest = timed.sort((a, b) => b.seconds - a.seconds).slice(0, 5);
    const lines = slowest.map((t) => `  ${t.seconds.toFixed(1).padStart(6)} s  ${t.file} (${t.project})`);
    if (lines.length > 0) process.stdout.write(`\nSlowest test files:\n${lines.join('\n')}\n`);

    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const m of modules) {
      const tests = [...m.children.allTests()];
      for (const t of tests) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file whose hooks failed: its tests are skipped, but the file is not green.
      if (m.state() === 'failed' && !tests.some((t) => t.result().state === 'failed')) failed++;
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
