/**
 * Where a Dateline build spends its time, for bench/run-bench.ts, which runs it as a process of
 * its own (so its memory is measured apart from the timed builds):
 *
 *   node --import tsx bench/measure-dateline.ts --root PROJECT --scratch DIR
 *
 * 1. A whole build with no cache (runBuild, as `dateline build --no-cache` runs it) into
 *    DIR/site: runBuild's own timings per stage, whatever stages it reports (read, places,
 *    check, markdown, archive, maps, pages, …).
 * 2. The search index alone (writeSearchIndex, the Pagefind stage of that build), again from the
 *    same archive model, into DIR/search; timed here, so its share is known even when runBuild
 *    reports it inside another stage.
 *
 * Prints one line of JSON: { ok, articles, pages, timings: { stage: ms }, search: { ms, files } |
 * { error } }. DIR is removed at the end.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from '../src/pipeline/run-build.ts';

const { values } = parseArgs({ options: { root: { type: 'string' }, scratch: { type: 'string' } } });
if (!values.root || !values.scratch) {
  process.stderr.write('Usage: node --import tsx bench/measure-dateline.ts --root PROJECT --scratch DIR\n');
  process.exit(2);
}

const scratch = resolve(values.scratch);
try {
  const report = await runBuild({ root: resolve(values.root), overrides: { output: join(scratch, 'site') } });
  const result: {
    ok: boolean;
    articles: number;
    pages: number;
    timings: Record<string, number>;
    search?: { ms: number; files: number } | { error: string };
  } = {
    ok: report.ok,
    articles: report.articles,
    pages: report.pages,
    timings: report.timings,
  };
  if (report.ok && report.archive) {
    try {
      // Imported here so a change to the search module only costs this figure, not the others.
      const { writeSearchIndex } = await import('../src/outputs/search/write-search-index.ts');
      const { planSearchLayout } = await import('../src/outputs/search/search-layout.ts');
      // Every bundle indexed, as a clean build does.
      const layout = planSearchLayout(report.archive.searchBundles, new Map(), undefined, 0, '');
      const start = performance.now();
      const { files } = await writeSearchIndex(report.archive, report.bodies!, join(scratch, 'search'), layout, new Map(), '');
      result.search = { ms: Math.round(performance.now() - start), files };
    } catch (error) {
      result.search = { error: (error as Error).message };
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
