import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, copyFixture, exampleSite, fixture, listFiles, makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';

const run = promisify(execFile);
afterAll(removeTemps);

describe('dates in zones', () => {
  it('files 00:30 Kabul time on the Kabul day, not the UTC day', async () => {
    const site = await buildSite(fixture('zones'));
    expect(site.report.messages).toEqual([]);
    const page = await site.page('/2021/08/22/half-past-midnight-kabul/');
    expect(page.one('.article-header time').properties.dateTime).toBe('2021-08-22T00:30:00+04:30');
    expect(page.text('.article-header .dateline')).toContain('22 August 2021, 00:30 UTC+4:30');
  });

  it('reads a date-time without offset in the site zone when the article names none', async () => {
    const site = await buildSite(fixture('zones'));
    const page = await site.page('/2021/08/21/site-default-zone/');
    expect(page.one('.article-header time').properties.dateTime).toBe('2021-08-21T23:30:00+00:00');
  });

  it('builds identical bytes whatever the machine zone (Kiritimati +14, Los Angeles -7)', async () => {
    const root = await copyFixture('zones');
    // Bytes, not text: the search bundle is gzipped binary.
    const outputs: Record<string, Buffer>[] = [];
    for (const TZ of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const out = join(await makeTemp(), 'site');
      await run(process.execPath, [join(repoRoot, 'bin/dateline.js'), 'build', '--root', root, '--out', out], {
        env: { ...process.env, TZ },
      });
      const files = await listFiles(out);
      outputs.push(Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(join(out, f))] as const))));
    }
    expect(Object.keys(outputs[0]!).length).toBeGreaterThan(5);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[0]!['2021/08/22/half-past-midnight-kabul/index.html']!.toString('utf8')).toContain(
      'datetime="2021-08-22T00:30:00+04:30"',
    );
    expect(Object.keys(outputs[0]!).some((f) => f.startsWith('pagefind/'))).toBe(true);
  });

  it('builds the example archive identically twice: pages, feeds, exports, search index', async () => {
    // One build made by the shared-sites process under America/Los_Angeles, one here under UTC.
    const [a, b] = [await exampleSite(), await buildSite(repoRoot)];
    const files = await a.files();
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'feed.xml',
        'rss.xml',
        'feed.json',
        'data/articles.csv',
        'sitemap.xml',
        'pagefind/pagefind.js',
      ]),
    );
    expect(await b.files()).toEqual(files);
    for (const f of files) expect((await readFile(join(b.out, f))).equals(await readFile(join(a.out, f))), f).toBe(true);
  });
});
