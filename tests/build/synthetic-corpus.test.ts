import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, syntheticArticles } from '../../bench/generate-corpus.ts';
import { listFiles, makeTemp, removeTemps, type SharedReport, sharedSite } from '../helpers/site.ts';

afterAll(removeTemps);

/** Every file of a folder, relative path → bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

describe('the synthetic corpus generator (bench/generate-corpus.ts)', () => {
  it('writes byte-identical projects for the same seed', async () => {
    const [a, b] = [await makeTemp(), await makeTemp()];
    const summaries = [await generateCorpus({ dir: a, articles: 50, seed: 42 }), await generateCorpus({ dir: b, articles: 50, seed: 42 })];
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[0]!.articles).toBe(50);

    const [first, second] = [await snapshot(a), await snapshot(b)];
    const files = [...first.keys()];
    expect([...second.keys()]).toEqual(files);
    expect(files.filter((f) => f.endsWith('.md'))).toHaveLength(50);
    expect(files).toContain('dateline.yaml');
    expect(files).toContain('content/places/world.yaml');
    for (const f of files) expect(second.get(f)!.equals(first.get(f)!), f).toBe(true);
    expect([...first.values()].reduce((n, bytes) => n + bytes.length, 0)).toBe(summaries[0]!.bytes);

    // Another seed gives other articles.
    const other = [...syntheticArticles(50, 43)].map((x) => x.body);
    expect(other).not.toEqual([...syntheticArticles(50, 42)].map((x) => x.body));
  });
});

describe('the generated 1,000-article archive', () => {
  // The archive the quality judges read, generated with seed 1 and built once for the run;
  // waiting for it counts against the setup hook's time, not the test's.
  let report: SharedReport;
  beforeAll(async () => {
    ({ report } = await sharedSite('synthetic'));
  });

  it('builds with no errors or warnings', () => {
    expect(report.messages).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.articles).toBe(1000);
    expect(report.pages).toBeGreaterThan(1000);
  });
});
