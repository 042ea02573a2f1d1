import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runBuild } from '../../src/build/run-build.ts';
import { formatMessages } from '../../src/report/message.ts';
import { generateCorpus } from '../../bench/generate-corpus.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Output folders of the sites the quality gates judge. */
    sites: { example: string; synthetic: string };
  }
}

const repoRoot = join(import.meta.dirname, '../..');

/**
 * Global setup: builds the example archive and a generated 1,000-article archive once for every
 * quality gate (validators, accessibility, links).
 */
export default async function buildSites(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'dateline-quality-'));
  const example = join(dir, 'example');
  const corpus = join(dir, 'corpus');
  await generateCorpus({ dir: corpus, articles: 1000, seed: 1 });
  for (const [root, out] of [
    [repoRoot, example],
    [corpus, join(corpus, '_site')],
  ] as const) {
    const report = await runBuild({ root, overrides: { output: out } });
    if (!report.ok) throw new Error(`Building ${root} for the quality gates failed:\n${formatMessages(report.messages)}`);
  }
  project.provide('sites', { example, synthetic: join(corpus, '_site') });
  return () => rm(dir, { recursive: true, force: true });
}
