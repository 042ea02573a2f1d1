/**
 * Builds the sites the tests share, in a process of its own started by the global setup, so the
 * tests that do not read them run meanwhile: first the example archive, then a generated
 * 1,000-article archive (seed 1). Each finished site's report is written beside it as
 * `<name>.report.json` (or `<name>.failed` with the reason); tests wait for the one they read
 * (tests/helpers/site.ts, sharedSite).
 *
 * Usage: node --import tsx tests/setup/build-shared-sites.ts <folder>
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { runBuild } from '../../src/build/run-build.ts';
import { formatMessages } from '../../src/report/message.ts';
import { repoRoot } from '../helpers/site.ts';

const dir = process.argv[2];
if (!dir) throw new Error('Usage: build-shared-sites.ts <folder>');

/** Writes a file whole or not at all: a waiting test never reads half of it. */
async function publish(name: string, text: string): Promise<void> {
  await writeFile(join(dir!, `${name}.tmp`), text);
  await rename(join(dir!, `${name}.tmp`), join(dir!, name));
}

async function build(name: string, root: string, out: string): Promise<void> {
  try {
    const { archive: _, ...report } = await runBuild({ root, overrides: { output: out } });
    if (!report.ok) throw new Error(`Building ${root} for the tests failed:\n${formatMessages(report.messages)}`);
    await publish(`${name}.report.json`, JSON.stringify(report));
  } catch (error) {
    await publish(`${name}.failed`, String((error as Error).stack ?? error));
    process.exitCode = 1;
  }
}

await build('example', repoRoot, join(dir, 'example'));
const corpus = join(dir, 'corpus');
await generateCorpus({ dir: corpus, articles: 1000, seed: 1 });
await build('synthetic', corpus, join(corpus, '_site'));
