/**
 * Builds the sites the tests share (SHARED_SITES in tests/helpers/site.ts), in a process of its
 * own started by the global setup, so the tests that do not read them run meanwhile: the example
 * archive, a generated 1,000-article archive (seed 1), the 40 articles of the search tests in
 * three settings, and the example with a busy day in small listings (sliced by time). Each finished site's report is written beside it as
 * `<name>.report.json` (or `<name>.failed` with the reason); tests wait for the one they read
 * (tests/helpers/site.ts, sharedSite).
 *
 * Usage: node --import tsx tests/setup/build-shared-sites.ts <folder>
 */
import { cp, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { formatMessages } from '../../src/report/message.ts';
import { fixture, repoRoot, SHARED_SITES, type SharedSiteName, sharedSiteOverrides } from '../helpers/site.ts';

const dir = process.argv[2];
if (!dir) throw new Error('Usage: build-shared-sites.ts <folder>');

/** Writes a file whole or not at all: a waiting test never reads half of it. */
async function publish(name: string, text: string): Promise<void> {
  await writeFile(join(dir!, `${name}.tmp`), text);
  await rename(join(dir!, `${name}.tmp`), join(dir!, name));
}

async function build(name: SharedSiteName): Promise<void> {
  const { root, out } = SHARED_SITES[name];
  try {
    const project = root ? join(dir!, root) : repoRoot;
    const {
      archive: _,
      bodies: __,
      ...report
    } = await runBuild({ root: project, overrides: { output: join(dir!, out), ...sharedSiteOverrides(name) } });
    if (!report.ok) throw new Error(`Building ${project} for the tests failed:\n${formatMessages(report.messages)}`);
    await publish(`${name}.report.json`, JSON.stringify(report));
  } catch (error) {
    await publish(`${name}.failed`, String((error as Error).stack ?? error));
    process.exitCode = 1;
  }
}

await build('example');
await build('dari');
await build('pashto');
await build('languages');
// Small, and read by the listing tests, which would otherwise wait for the large archive.
// Without the Andarab report's translations: the busy day the listing tests count is the
// report and the fixture's two more.
await cp(join(repoRoot, 'content'), join(dir, SHARED_SITES.sliced.root, 'content'), {
  recursive: true,
  filter: (src) => !/andarab-resistance-(dari|pashto)\.md$/.test(src),
});
await cp(fixture('busy-day'), join(dir, SHARED_SITES.sliced.root), { recursive: true });
await build('sliced');
await generateCorpus({ dir: join(dir, SHARED_SITES.synthetic.root), articles: 1000, seed: 1 });
await build('synthetic');
// After the large archive, which more tests read (the Nu Html Checker, html-validate, links…).
await generateCorpus({ dir: join(dir, SHARED_SITES.corpus40.root), articles: 40, seed: 7 });
for (const name of ['corpus40', 'split40', 'closed40'] as const) await build(name);
