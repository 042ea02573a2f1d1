import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { compileIfStale } from '../../scripts/compile.js';
import { runBuild, type BuildReport } from '../../src/build/run-build.ts';
import { formatMessages } from '../../src/report/message.ts';
import { findChromium, findJava, type Judges } from '../helpers/judges.ts';
import { repoRoot } from '../helpers/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Output folders of the shared, read-only sites: the example archive and a generated 1,000-article archive. */
    sites: { example: string; synthetic: string; exampleReport: SharedReport };
    /** The external judges' programs, or why each cannot run. */
    judges: Judges;
  }
}

/** A build report without its model (the model holds functions, which cannot cross to the test processes). */
export type SharedReport = Omit<BuildReport, 'archive'>;

interface Prepared {
  dir: string;
  sites: ProvidedContext['sites'];
  judges: Judges;
}
type ProvidedContext = import('vitest').ProvidedContext;

/** Builds a project into `out` through the real build; a failure stops the run with its messages. */
async function build(root: string, out: string): Promise<SharedReport> {
  const { archive: _, ...report } = await runBuild({ root, overrides: { output: out } });
  if (!report.ok) throw new Error(`Building ${root} for the tests failed:\n${formatMessages(report.messages)}`);
  return report;
}

async function prepare(): Promise<Prepared> {
  // The command tests run bin/dateline.js, which runs dist/: compile it once here rather than in
  // each of the processes they start side by side.
  compileIfStale();
  const dir = await mkdtemp(join(tmpdir(), 'dateline-shared-'));
  const example = join(dir, 'example');
  const corpus = join(dir, 'corpus');
  const [chromium, exampleReport] = await Promise.all([
    findChromium(),
    (async () => {
      await generateCorpus({ dir: corpus, articles: 1000, seed: 1 });
      const report = await build(repoRoot, example);
      await build(corpus, join(corpus, '_site'));
      return report;
    })(),
  ]);
  return { dir, sites: { example, synthetic: join(corpus, '_site'), exampleReport }, judges: { chromium, java: findJava() } };
}

// Vitest runs a root global setup once per project (and once for the root), all in this one
// process: the first call prepares, the others share its result, and the last teardown cleans up.
const shared = globalThis as { datelinePrepared?: Promise<Prepared>; datelineUsers?: number };

/**
 * Global setup: the example archive and a generated 1,000-article archive are built once per run
 * and shared read-only by every test that only reads them; the judges are found once.
 */
export default async function globalSetup(project: TestProject) {
  shared.datelineUsers = (shared.datelineUsers ?? 0) + 1;
  const prepared = await (shared.datelinePrepared ??= prepare());
  project.provide('sites', prepared.sites);
  project.provide('judges', prepared.judges);
  return async () => {
    shared.datelineUsers = (shared.datelineUsers ?? 1) - 1;
    if (shared.datelineUsers === 0) await rm(prepared.dir, { recursive: true, force: true });
  };
}
