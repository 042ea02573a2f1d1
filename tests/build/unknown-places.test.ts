import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchRecords } from '../../src/outputs/search/search-records.ts';
import { type BuiltSite, buildSite, copyFixture, removeTemps } from '../helpers/site.ts';

let site: BuiltSite;
beforeAll(async () => {
  const root = await copyFixture('zones');
  const misspelt = [
    '---',
    'title: Fighting near the bridge',
    'date: 2021-08-23',
    'location: Pul-i-Hisarr, Baghlan, Afghanistan',
    '---',
    'A report.',
  ];
  await writeFile(join(root, 'content/misspelt.md'), misspelt.join('\n'));
  site = await buildSite(root);
});
afterAll(removeTemps);

describe('an unknown place stays private', () => {
  it('files the report under the nearest known place, and says so with the closest spelling', async () => {
    expect(site.report.ok).toBe(true);
    const warning = site.report.messages.find((m) => m.ruleId === 'unknown-place')!;
    expect(`${warning.file}:${warning.line}:${warning.column}`).toBe('content/misspelt.md:4:11');
    expect(warning.reason).toContain('filed under Baghlan (`af/baghlan`)');
    expect(warning.fix).toContain('`af/baghlan/pol-e-hesar` (Pol-e-Hesar)');
    const page = await site.page('/2021/08/23/misspelt/');
    expect(page.text('.article-header .dateline-place')).toBe('Baghlan, Afghanistan');
  });

  it('makes no page, no entry under “places within”, no search choice and no map dot for the misspelling', async () => {
    const files = await site.files();
    expect(files.filter((f) => /pul-i-hisarr/i.test(f))).toEqual([]);
    const baghlan = await site.page('/places/af/baghlan/');
    expect(textOf(baghlan.tree)).not.toContain('Pul-i-Hisarr');
    expect(baghlan.all('.teaser h3').map((h) => textOf(h))).toContain('Fighting near the bridge');
    const records = searchRecords(site.report.archive!, site.report.bodies!);
    expect(records.flatMap((r) => r.filters.place ?? [])).not.toContain('Pul-i-Hisarr');
    const maps = files.filter((f) => f.endsWith('.html'));
    for (const f of maps) expect((await site.page(`/${f}`.replace(/index\.html$/, ''))).html, f).not.toContain('Pul-i-Hisarr');
  });
});
