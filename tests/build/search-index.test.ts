import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { normaliseSearchText } from '../../src/outputs/search/normalise-search-text.ts';
import { searchRecords } from '../../src/outputs/search/search-records.ts';
import { type BuiltSite, buildSite, copyFixture, exampleSite, makeTemp, removeTemps, repoRoot, sharedBuiltSite } from '../helpers/site.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await exampleSite();
});
afterAll(removeTemps);

describe('the search index', () => {
  it('holds one record per published article: its own words as the text, every spelling and script of its places searchable beside it', () => {
    const records = searchRecords(site.report.archive!, site.report.bodies!);
    expect(records).toHaveLength(10);
    const andarab = records.find((r) => r.url === '/2021/08/22/andarab-resistance/')!;
    const article = site.report.archive!.articles.find((a) => a.url === andarab.url)!;
    const body = site.report.bodies!.get(article.bodyKey).text;
    // The text Pagefind draws excerpts from is the headline, the summary and the body, no more.
    expect(andarab.content).toBe(normaliseSearchText([article.title, article.summary ?? '', body].join('\n')));
    for (const spelling of ['Pul-e Hisar', 'Puli Hisar', 'پل حصار', 'Deh Salah', 'اندراب', 'Baglan']) {
      expect(andarab.content).not.toContain(spelling);
      expect(andarab.meta.spellings!.split(' · ')).toContain(spelling);
    }
  });

  it('filters by place at every level, topic, language and local month (years are counted from months); sorts by the UTC instant, then the URL', () => {
    const andarab = searchRecords(site.report.archive!, site.report.bodies!).find((r) => r.url === '/2021/08/22/andarab-resistance/')!;
    expect(andarab.filters.place).toEqual(['Banu', 'Pol-e-Hesar', 'De Salah', 'Baghlan', 'Afghanistan', 'Andarab']);
    expect(Object.keys(andarab.filters).sort()).toEqual(['language', 'month', 'place', 'topic']);
    expect(andarab.filters).toMatchObject({
      month: ['2021-08'],
      language: ['en'],
      topic: expect.arrayContaining(['Andarab', 'Taliban', 'National Resistance Front']),
    });
    expect(andarab.sort.date).toBe('2021-08-21T19:30:00Z /2021/08/22/andarab-resistance/');
    expect(andarab.meta.utc).toBe('2021-08-21T19:30:00Z');
    expect(andarab.meta).toMatchObject({
      title: 'Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum',
      date: '22 August 2021',
      dateline: 'Banu, Pol-e-Hesar and De Salah, Baghlan',
    });
  });

  it('writes one index for all languages, so a Dari spelling can find an English report', async () => {
    const entry = JSON.parse(await readFile(join(site.out, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages.en.page_count).toBe(10);
  });

  it('writes every filter value with its total beside the search page, all choices open on a small archive', async () => {
    const facets = JSON.parse(await readFile(join(site.out, 'search/index.json'), 'utf8'));
    expect(facets.articles).toBe(10);
    expect(facets.collapsed).toEqual([]);
    expect(facets.totals.month).toEqual({ '2021-08': 8, '2021-09': 2 });
    expect(facets.totals.language).toEqual({ en: 7, fa: 2, ps: 1 });
    expect(facets.totals.place).toMatchObject({ Afghanistan: 7, Kabul: 3, Baghlan: 3 });
    expect(Object.keys(facets.totals.place)).toEqual(Object.keys(facets.totals.place).sort());
  });

  it('leaves drafts and withdrawn articles out', async () => {
    const root = await copyFixture('hostile');
    await writeFile(
      join(root, 'content/2021/08/draft.md'),
      '---\ntitle: Draft\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\nstatus: draft\n---\nSecret.\n',
    );
    await writeFile(
      join(root, 'content/2021/08/gone.md'),
      '---\ntitle: Gone\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\nstatus: withdrawn\n---\nWithdrawn.\n',
    );
    const built = await buildSite(root, { drafts: true });
    expect(built.report.archive!.articles.map((a) => a.status).sort()).toEqual([
      'draft',
      'published',
      'published',
      'published',
      'withdrawn',
    ]);
    expect(
      searchRecords(built.report.archive!, built.report.bodies!)
        .map((r) => r.meta.title)
        .sort(),
    ).toEqual(
      ['Windows line ends and a byte-order mark', '{{ 7 * 7 }} and {% raw %}', "<script>alert('title')</script> Scripts & handlers"].sort(),
    );
  });
});

describe('a split index (search.split_above)', () => {
  let split: BuiltSite;
  beforeAll(async () => {
    split = await sharedBuiltSite('split40');
    expect(split.report.ok).toBe(true);
  });

  it('writes bundles of at most the threshold, each with its own records, the newest in pagefind/', async () => {
    const { sites, searchBundles } = split.report.archive!;
    const site = sites[0]!;
    expect(searchBundles.length).toBeGreaterThan(2);
    const folders = searchBundles.map((b) => b.folder);
    expect(folders[0]).toBe('pagefind');
    expect(folders.slice(1)).toEqual(folders.slice(1).map((_, i, all) => `pagefind-${all.length - i}`));
    expect(site.search).not.toHaveProperty('bundles');
    const published = searchRecords(split.report.archive!, split.report.bodies!).map((r) => r.url);
    expect(searchBundles.flatMap((b) => b.articleUrls).sort()).toEqual([...published].sort());
    for (const bundle of searchBundles) {
      expect(bundle.articleUrls.length, bundle.folder).toBeGreaterThan(0);
      expect(bundle.articleUrls.length, bundle.folder).toBeLessThanOrEqual(10);
      const entry = JSON.parse(await readFile(join(split.out, bundle.folder, 'pagefind-entry.json'), 'utf8'));
      expect(entry.languages.en.page_count, bundle.folder).toBe(bundle.articleUrls.length);
    }
  });

  it('stores no bundle filter (the page names bundles with mergeFilter) and closes the large choices above facets_collapsed_above', async () => {
    for (const folder of split.report.archive!.searchBundles.map((b) => b.folder)) {
      const meta = (await readdir(join(split.out, folder))).find((f) => f.endsWith('.pf_meta'))!;
      const text = gunzipSync(await readFile(join(split.out, folder, meta))).toString('latin1');
      expect(text, folder).toContain('month');
      expect(text, folder).not.toContain('bundle');
      expect(text, folder).not.toContain('year');
    }
    const open = JSON.parse(await readFile(join(split.out, 'search/index.json'), 'utf8'));
    expect(open).toMatchObject({ articles: 40, collapsed: [] });
    const root = await makeTemp();
    await generateCorpus({ dir: root, articles: 12, seed: 7 });
    const closed = await buildSite(root, { search: { facets_collapsed_above: 11 } });
    expect(closed.report.archive!.sites[0]!.search.collapsedFacets).toEqual(['place', 'topic', 'language']);
    expect(JSON.parse(await readFile(join(closed.out, 'search/index.json'), 'utf8'))).toMatchObject({
      articles: 12,
      collapsed: ['place', 'topic', 'language'],
    });
    const atThreshold = await buildSite(root, { search: { facets_collapsed_above: 12 } });
    expect(atThreshold.report.archive!.sites[0]!.search.collapsedFacets).toEqual([]);
  });

  it('keeps bundles apart in time, newest first, so sorted results can be taken bundle by bundle', () => {
    const byUrl = new Map(split.report.archive!.articles.map((a) => [a.url, Date.parse(a.date.utc)]));
    const spans = split.report.archive!.searchBundles.map((b) => b.articleUrls.map((u) => byUrl.get(u)!));
    for (let i = 1; i < spans.length; i++) expect(Math.min(...spans[i - 1]!)).toBeGreaterThanOrEqual(Math.max(...spans[i]!));
  });

  it('puts the scripts and WebAssembly in the main bundle only, and lists the bundles in search/index.json', async () => {
    const [main, ...merged] = split.report.archive!.searchBundles.map((b) => b.folder);
    expect(await readdir(join(split.out, main!))).toEqual(
      expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind']),
    );
    for (const folder of merged) {
      const files = await readdir(join(split.out, folder));
      expect(
        files.filter((f) => /\.(js|css)$|^wasm\./.test(f)),
        folder,
      ).toEqual([]);
      expect(files, folder).toEqual(expect.arrayContaining(['pagefind-entry.json', 'index', 'filter', 'fragment']));
    }
    const data = JSON.parse(await readFile(join(split.out, 'search/index.json'), 'utf8'));
    expect(data).toMatchObject({ bundles: [main, ...merged], superseded: {} });
    expect(data).not.toHaveProperty('overlay');
  });

  it('keeps the example archive and the default threshold to one bundle', async () => {
    expect(site.report.archive!.searchBundles.map((b) => b.folder)).toEqual(['pagefind']);
    expect((await site.files()).filter((f) => f.startsWith('pagefind-'))).toEqual([]);
    expect(JSON.parse(await readFile(join(site.out, 'search/index.json'), 'utf8'))).toMatchObject({ bundles: ['pagefind'] });
  });
});

describe('search turned off (search: false)', () => {
  it('writes no index, no search page, no search script and no search box', async () => {
    const off = await buildSite(repoRoot, { search: { enabled: false } });
    expect(off.report.ok).toBe(true);
    const files = await off.files();
    expect(files.filter((f) => /^pagefind|^search[./]/.test(f))).toEqual([]);
    expect(files).toContain('index.html');
    for (const url of ['/', '/2021/08/22/andarab-resistance/', '/places/']) {
      const page = await off.page(url);
      expect(page.all('form'), url).toEqual([]);
      expect(page.all('[role=search]'), url).toEqual([]);
      expect(page.html, url).not.toContain('search/');
    }
    // With search on, every page has the box.
    expect((await site.page('/places/')).all('form.site-search')).toHaveLength(1);
  });
});

describe('search text folding', () => {
  it('folds Arabic letter variants and digits to the Persian forms and ASCII', () => {
    expect(normaliseSearchText('كابل يک ۱۴۰۰ ٢٠٢١ پل‌حصار')).toBe('کابل یک 1400 2021 پل حصار');
  });
});
