import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_LOCALES } from '../../src/archive/ui-strings.ts';
import { type BuiltSite, buildSite, copyFixture, removeTemps } from '../helpers/site.ts';

let dari: BuiltSite;
let pashto: BuiltSite;
let reworded: BuiltSite;
let german: BuiltSite;
beforeAll(async () => {
  const [fa, ps, own, de] = await Promise.all([1, 2, 3, 4].map(() => copyFixture('zones')));
  // A project's own table rewords the shipped one; this one lost a key.
  const table = (await readFile(join(SHIPPED_LOCALES, 'fa.yaml'), 'utf8'))
    .replace(/^latest: .*$/m, 'latest: آخرین خبرها')
    .replace(/^searchTitle: .*\n/m, '');
  await mkdir(join(own!, 'locales'));
  await writeFile(join(own!, 'locales/fa.yaml'), table);
  // One after the other: Pagefind's Node API runs one backend a process, which a build closes.
  dari = await buildSite(fa!, { lang: 'fa' });
  pashto = await buildSite(ps!, { lang: 'ps' });
  reworded = await buildSite(own!, { lang: 'fa' });
  german = await buildSite(de!, { lang: 'de' });
});
afterAll(removeTemps);

describe('the interface in the site language', () => {
  it('is Dari on a Dari site: navigation, headings, counts in Persian digits, right to left', async () => {
    expect(dari.report.ok).toBe(true);
    const home = await dari.page('/');
    expect(home.one('html').properties).toMatchObject({ lang: 'fa', dir: 'rtl' });
    expect(home.text('.skip-link')).toBe('رفتن به محتوا');
    expect(home.html).toContain('تازه‌ترین گزارش‌ها');
    expect(home.html).not.toContain('Latest reports');
    const places = await dari.page('/places/');
    expect(places.text('h1')).toBe('مکان‌ها');
    expect(places.all('.counts .count').map((c) => c.children.map((t) => ('value' in t ? t.value : '')).join(''))).toContain('۱ گزارش');
    const notFound = await dari.page('/404.html');
    expect(notFound.text('h1')).toBe('صفحه پیدا نشد');
  });

  it('dates days in the Solar Hijri calendar with the Gregorian beside, and months of the date archive in the Gregorian', async () => {
    const article = await dari.page('/2021/08/21/site-default-zone/');
    const dateline = article.one('.article-header .dateline');
    expect(dateline.properties).toMatchObject({ lang: 'fa', dir: 'rtl' });
    // 21 August 2021 is 30 Asad 1400.
    expect(article.text('.article-header .dateline time')).toMatch(/^۳۰ اسد ۱۴۰۰ \(۲۱ اگست ۲۰۲۱\)/);
    const month = await dari.page('/2021/08/');
    expect(month.text('h1')).toBe('اگست ۲۰۲۱');
    expect(month.text('.calendar caption')).toBe('اگست ۲۰۲۱');
    expect(month.html).toContain('>۲۱<span class="visually-hidden">');
    const home = await dari.page('/');
    expect(home.all('.home-years a').map((a) => a.children.map((t) => ('value' in t ? t.value : '')).join(''))).toContain('۲۰۲۱');
    // Pashto: ICU's Pashto has no Solar Hijri pattern and prints an era (AP), left out.
    const pashtoArticle = await pashto.page('/2021/08/21/site-default-zone/');
    expect(pashtoArticle.text('.article-header .dateline time')).toMatch(/^۱۴۰۰ زمری ۳۰ \(۲۰۲۱ اګست ۲۱\)/);
    expect(pashtoArticle.html).not.toContain('AP');
  });

  it("names places in the site's language, types too, and marks a name it has only in English", async () => {
    const baghlan = await dari.page('/places/af/baghlan/');
    expect(baghlan.text('h1')).toBe('بغلان');
    expect(baghlan.one('h1').properties.lang).toBeUndefined();
    expect(baghlan.text('.subtitle')).toBe('ولایت در افغانستان');
    expect(
      baghlan.all('.breadcrumb a').map((a) => [a.children.map((t) => ('value' in t ? t.value : '')).join(''), a.properties.lang]),
    ).toEqual([['افغانستان', undefined]]);
    expect(baghlan.text('#within-heading')).toBe('مکان‌های درون بغلان');
    // Its names in other languages: the English one, not the Dari of the title again.
    expect(
      baghlan.all('.other-names bdi').map((b) => [b.properties.lang, b.children.map((t) => ('value' in t ? t.value : '')).join('')]),
    ).toEqual([['en', 'Baghlan']]);
    const article = await dari.page('/2021/08/21/site-default-zone/');
    expect(article.text('.article-header .dateline-place')).toBe('بغلان، افغانستان');
    // Pashto has no names in this gazetteer: the English ones, marked as English.
    const pashtoBaghlan = await pashto.page('/places/af/baghlan/');
    expect(pashtoBaghlan.one('h1').properties.lang).toBe('en');
    expect(pashtoBaghlan.text('h1')).toBe('Baghlan');
    expect(pashtoBaghlan.one('.breadcrumb a').properties.lang).toBe('en');
    // In a dateline, each English name is marked, the separator is the page's.
    const pashtoArticle = await pashto.page('/2021/08/21/site-default-zone/');
    const place = pashtoArticle.one('.article-header .dateline-place');
    expect(place.children.map((c) => (c.type === 'element' ? [c.properties.lang, textOf(c)] : [undefined, textOf(c)]))).toEqual([
      ['en', 'Baghlan'],
      [undefined, '، '],
      ['en', 'Afghanistan'],
    ]);
    expect((await dari.page('/2021/08/21/site-default-zone/')).all('.article-header .dateline-place span')).toEqual([]);
  });

  it('is Pashto on a Pashto site, with its plural forms', async () => {
    const places = await pashto.page('/places/');
    expect(places.text('h1')).toBe('ځایونه');
    const counts = places.all('.counts .count').map((c) => c.children.map((t) => ('value' in t ? t.value : '')).join(''));
    expect(counts.some((c) => /^[۲-۹][۰-۹]* راپورونه$|^۱ راپور$/.test(c))).toBe(true);
    expect((await pashto.page('/search/')).text('h1')).toBe('په آرشیف کې لټون');
  });

  it("takes a project's own table over Dateline's, and reports its missing key at file:line, shown in English", async () => {
    expect(reworded.report.messages).toEqual([
      expect.objectContaining({ file: 'locales/fa.yaml', line: 1, ruleId: 'missing-interface-string', severity: 'error' }),
    ]);
    expect(reworded.report.ok).toBe(false);
  });

  it('warns that a language without a table gets the English interface', async () => {
    expect(german.report.ok).toBe(true);
    expect(german.report.messages.map((m) => [m.ruleId, m.severity])).toEqual([['untranslated-interface', 'warning']]);
    expect((await german.page('/places/')).text('h1')).toBe('Places');
  });
});
