import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseSearchText } from '../../src/outputs/search/normalise-search-text.ts';
import { searchRecords } from '../../src/outputs/search/search-records.ts';
import { buildSite, copyFixture, removeTemps, repoRoot, type BuiltSite } from '../helpers/site.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite(repoRoot);
});
afterAll(removeTemps);

describe('the search index', () => {
  it('holds one record per published article, with every spelling and script of its places', () => {
    const records = searchRecords(site.report.archive!);
    expect(records).toHaveLength(8);
    const andarab = records.find((r) => r.url === '/2021/08/22/andarab-resistance/')!;
    for (const spelling of ['Pol-e-Hesar', 'Pul-e Hisar', 'Puli Hisar', 'پل حصار', 'Deh Salah', 'اندراب', 'Baglan']) expect(andarab.content).toContain(spelling);
  });

  it('filters by place at every level, topic, language, year and local month; sorts by the UTC instant', () => {
    const andarab = searchRecords(site.report.archive!).find((r) => r.url === '/2021/08/22/andarab-resistance/')!;
    expect(andarab.filters.place).toEqual(['Banu', 'Pol-e-Hesar', 'De Salah', 'Baghlan', 'Afghanistan', 'Andarab']);
    expect(andarab.filters).toMatchObject({ year: ['2021'], month: ['2021-08'], language: ['en'], topic: expect.arrayContaining(['andarab', 'taliban']) });
    expect(andarab.sort.date).toBe('2021-08-21T19:30:00Z');
    expect(andarab.meta).toMatchObject({ title: 'Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum', date: '22 August 2021', dateline: 'Banu, Pol-e-Hesar and De Salah, Baghlan' });
  });

  it('writes one index for all languages, so a Dari spelling can find an English report', async () => {
    const entry = JSON.parse(await readFile(join(site.out, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages.en.page_count).toBe(8);
  });

  it('leaves drafts and withdrawn articles out', async () => {
    const root = await copyFixture('hostile');
    await writeFile(join(root, 'content/2021/08/draft.md'), '---\ntitle: Draft\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\nstatus: draft\n---\nSecret.\n');
    await writeFile(join(root, 'content/2021/08/gone.md'), '---\ntitle: Gone\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\nstatus: withdrawn\n---\nWithdrawn.\n');
    const built = await buildSite(root, { drafts: true });
    expect(built.report.archive!.articles.map((a) => a.status).sort()).toEqual(['draft', 'published', 'published', 'published', 'withdrawn']);
    expect(searchRecords(built.report.archive!).map((r) => r.meta.title).sort()).toEqual(['Windows line ends and a byte-order mark', '{{ 7 * 7 }} and {% raw %}', "<script>alert('title')</script> Scripts & handlers"].sort());
  });
});

describe('search text folding', () => {
  it('folds Arabic letter variants and digits to the Persian forms and ASCII', () => {
    expect(normaliseSearchText('كابل يک ۱۴۰۰ ٢٠٢١ پل‌حصار')).toBe('کابل یک 1400 2021 پل حصار');
  });
});
