import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Pinned so no test can pass only in the author's zone; the build tests also run the CLI
    // under two other zones and compare bytes.
    env: { TZ: 'UTC' },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two cores: both busy. Browser and command tests spend much of their time waiting on another
    // process, so a third worker keeps the cores fed.
    maxWorkers: 3,
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // A worker keeps the modules it loaded from one test file to the next (Eleventy, unified,
    // Pagefind's client…): loading them again for every file cost more than two minutes a run.
    // Tests share no module state; each makes its own temporary folders.
    isolate: false,
    // The example archive and a 1,000-article archive, built once and shared; the judges found once.
    globalSetup: ['tests/setup/global-setup.ts'],
    projects: [
      // tsc --noEmit over the whole project, as a test that runs beside the others.
      { extends: true, test: { name: 'typecheck', include: ['tests/typecheck/**/*.test.ts'] } },
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'build', include: ['tests/build/**/*.test.ts'] } },
      // The commands run as processes (bin/dateline.js), as a writer would run them.
      { extends: true, test: { name: 'cli', include: ['tests/cli/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'quality',
          include: ['tests/quality/**/*.test.ts'],
          // External judges (Nu Html Checker, html-validate, axe-core, linkinator) on the shared
          // example archive and generated 1,000-article archive.
        },
      },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'] } },
    ],
  },
});
