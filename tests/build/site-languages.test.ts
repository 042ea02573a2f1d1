import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../src/catalogues/catalogue.ts';
import { readConfig, readProject } from '../../src/pipeline/read-project.ts';
import { type BuiltSite, makeTemp, removeTemps, sharedBuiltSite } from '../helpers/site.ts';

/** The example archive as one site in English (the default, at the root), Dari (`/fa/`) and Pashto (`/ps/`). */
let site: BuiltSite;
beforeAll(async () => {
  site = await sharedBuiltSite('languages');
});
afterAll(removeTemps);

const hrefs = (page: Awaited<ReturnType<BuiltSite['page']>>, selector: string) => page.all(selector).map((a) => a.properties.href);
const titles = (page: Awaited<ReturnType<BuiltSite['page']>>) => page.all('.teaser h3 a').map((a) => a.properties.href);

describe('a site in several languages', () => {
  it('keeps the default language at the root and puts each other under /<lang>/, in its own interface', async () => {
    expect(site.report.ok).toBe(true);
    const english = await site.page('/');
    expect(english.one('html').properties).toMatchObject({ lang: 'en', dir: 'ltr' });
    expect(english.text('.skip-link')).toBe('Skip to content');
    const dari = await site.page('/fa/');
    expect(dari.one('html').properties).toMatchObject({ lang: 'fa', dir: 'rtl' });
    expect(dari.text('.skip-link')).toBe('رفتن به محتوا');
    expect(dari.one('link[rel=canonical]').properties.href).toBe('https://dateline.example.org/fa/');
    // The masthead's links stay in the language.
    expect(hrefs(dari, '.masthead nav[aria-label="اصلی"] a')).toEqual([
      './index.html',
      './archive/index.html',
      './places/index.html',
      './topics/index.html',
    ]);
    expect(dari.one('form.site-search').properties.action).toBe('./search/index.html');
    const pashto = await site.page('/ps/');
    expect(pashto.one('html').properties).toMatchObject({ lang: 'ps', dir: 'rtl' });
    expect(pashto.text('.skip-link')).not.toBe('Skip to content');
    for (const url of ['/fa/archive/', '/fa/places/', '/fa/topics/', '/fa/2021/08/22/', '/fa/places/af/baghlan/', '/ps/search/']) {
      expect((await site.page(url)).one('html').properties.lang, url).toBe(url.slice(1, 3));
    }
    const search = await site.page('/fa/search/');
    expect(search.one('link[rel=canonical]').properties.href).toBe('https://dateline.example.org/fa/search/');
    expect(search.one('form.search-form').properties.action).toBe('./index.html');
  });

  it('lists in each language the articles written in it, and in the default those of the languages it lacks', async () => {
    const { archive } = site.report;
    const inSite = (lang: string) =>
      archive!.articles
        .filter((a) => a.siteLang === lang)
        .map((a) => a.url)
        .sort();
    expect(inSite('fa')).toEqual(['/2021/08/22/andarab-resistance-dari/', '/2021/09/06/panjshir-taliban-claim/']);
    expect(inSite('ps')).toEqual(['/2021/08/22/andarab-resistance-pashto/']);
    expect(inSite('en')).toHaveLength(7);
    expect(titles(await site.page('/fa/'))).toEqual([
      '../2021/09/06/panjshir-taliban-claim/index.html',
      '../2021/08/22/andarab-resistance-dari/index.html',
    ]);
    const englishHome = titles(await site.page('/'));
    expect(englishHome).toHaveLength(7);
    expect(englishHome.filter((href) => /dari|pashto|panjshir/.test(String(href)))).toEqual([]);
    // A place's page in Dari lists the Dari report under its Dari name.
    const baghlan = await site.page('/fa/places/af/baghlan/');
    expect(baghlan.text('h1')).toBe('بغلان');
    expect(titles(baghlan)).toEqual(['../../../../2021/08/22/andarab-resistance-dari/index.html']);
    expect((await site.page('/places/af/baghlan/')).text('h1')).toBe('Baghlan');
  });

  it('prints an article in the interface of its language, linking that language’s listings', async () => {
    const dari = await site.page('/2021/08/22/andarab-resistance-dari/');
    expect(dari.one('html').properties).toMatchObject({ lang: 'fa', dir: 'rtl' });
    expect(dari.text('.skip-link')).toBe('رفتن به محتوا');
    expect(hrefs(dari, 'section.places a')).toContain('../../../../fa/places/af/baghlan/index.html');
    const english = await site.page('/2021/08/22/andarab-resistance/');
    expect(english.one('html').properties.lang).toBe('en');
    expect(hrefs(english, 'section.places a')).toContain('../../../../places/af/baghlan/index.html');
  });

  it('switches to the same page in the other languages, or to their home where it has none', async () => {
    const month = await site.page('/fa/2021/08/');
    const switchLinks = month.all('.language-switch a').map((a) => [a.properties.hrefLang, a.properties.href, a.properties.lang]);
    expect(switchLinks).toEqual([
      ['en', '../../../2021/08/index.html', 'en'],
      ['ps', '../../../ps/2021/08/index.html', 'ps'],
    ]);
    expect(month.text('.language-switch')).toBe('English پښتو');
    expect(month.all('link[rel=alternate][hreflang]').map((l) => [l.properties.hrefLang, l.properties.href])).toEqual([
      ['fa', 'https://dateline.example.org/fa/2021/08/'],
      ['en', 'https://dateline.example.org/2021/08/'],
      ['ps', 'https://dateline.example.org/ps/2021/08/'],
    ]);
    // Panjshir is reported in Dari alone: the others' switch goes to their home, with no hreflang.
    const panjshir = await site.page('/fa/places/af/panjshir/');
    expect(hrefs(panjshir, '.language-switch a')).toEqual(['../../../../index.html', '../../../../ps/index.html']);
    expect(panjshir.all('link[rel=alternate][hreflang]').map((l) => l.properties.hrefLang)).toEqual(['fa']);
    // An article switches to its translations.
    const article = await site.page('/2021/08/22/andarab-resistance/');
    expect(hrefs(article, '.language-switch a')).toEqual([
      '../andarab-resistance-dari/index.html',
      '../andarab-resistance-pashto/index.html',
    ]);
    // Each language named in itself, Dari as its table's locale (`fa-AF`) names it.
    expect(article.text('.language-switch')).toBe('دری پښتو');
    const panjshirReport = await site.page('/2021/09/06/panjshir-taliban-claim/');
    expect(hrefs(panjshirReport, '.language-switch a')).toEqual(['../../../../index.html', '../../../../ps/index.html']);
  });

  it('links every language’s home from the not-found page, which servers show at any address', async () => {
    const notFound = await site.page('/404.html');
    expect(notFound.one('html').properties.lang).toBe('en');
    const homes = notFound.all('main a[hreflang]').map((a) => [a.properties.hrefLang, a.properties.href]);
    expect(homes).toEqual([
      ['fa', '/fa/'],
      ['ps', '/ps/'],
    ]);
  });

  it('writes each language’s feeds in its language, and lists the versions of its pages in the sitemap', async () => {
    const feed = await readFile(join(site.out, 'fa/feed.xml'), 'utf8');
    expect(feed).toContain('xml:lang="fa"');
    expect(feed).toContain('rel="self" type="application/atom+xml" href="https://dateline.example.org/fa/feed.xml"');
    expect(feed.match(/<entry /g)).toHaveLength(2);
    const json = JSON.parse(await readFile(join(site.out, 'ps/places/af/baghlan/feed.json'), 'utf8'));
    expect(json).toMatchObject({ language: 'ps', home_page_url: 'https://dateline.example.org/ps/places/af/baghlan/' });
    const sitemap = await readFile(join(site.out, 'sitemap.xml'), 'utf8');
    const month = /<url>\s*<loc>https:\/\/dateline\.example\.org\/fa\/2021\/08\/<\/loc>.*?<\/url>/s.exec(sitemap)?.[0];
    expect(month).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://dateline.example.org/2021/08/"/>');
    expect(month).toContain('<xhtml:link rel="alternate" hreflang="ps" href="https://dateline.example.org/ps/2021/08/"/>');
    expect(sitemap).not.toContain('/fa/search/');
  });
});

describe('what every language shares', () => {
  it('names a place or topic alike in every report for search, and each place by its id in the open data', async () => {
    const dari = site.report.archive!.articles.find((a) => a.url === '/2021/08/22/andarab-resistance-dari/')!;
    expect(dari.places.map((p) => p.name)).toContain('بغلان');
    expect(dari.facets.places).toContain('Baghlan');
    const search = JSON.parse(await readFile(join(site.out, 'search/index.json'), 'utf8'));
    // The English, Dari and Pashto Andarab reports: one choice, not one a language.
    expect(search.totals.place.Baghlan).toBe(3);
    expect(Object.keys(search.totals.place)).not.toContain('بغلان');
    const data = JSON.parse(await readFile(join(site.out, 'data/articles.json'), 'utf8'));
    const record = data.articles.find((a: { path: string }) => a.path === dari.url);
    expect(record.places.map((p: { id: string }) => p.id)).toContain('af/baghlan');
  });

  it('relates a report to reports in its own language', () => {
    for (const page of site.report.archive!.articles) {
      const langs = new Map(site.report.archive!.articles.map((a) => [a.url, a.siteLang]));
      expect(
        page.related.map((t) => langs.get(t.url)).filter((l) => l !== page.siteLang),
        page.url,
      ).toEqual([]);
    }
  });
});

describe('the languages setting', () => {
  const configIn = async (yaml: string) => {
    const root = await makeTemp();
    await writeFile(join(root, 'dateline.yaml'), yaml);
    return { root, ...(await readConfig(root)) };
  };

  it('takes the first language as the site’s, with a title and description for each', async () => {
    const { config, messages } = await configIn('title: Dateline\nlanguages:\n  - fa\n  - lang: en\n    title: Dateline in English\n');
    expect(messages).toEqual([]);
    expect(config.lang).toBe('fa');
  });

  it('refuses a lang other than the first language, a language listed twice, or one named like a folder of the site', async () => {
    const mismatch = await configIn('lang: en\nlanguages: [fa, en]\n');
    expect(mismatch.messages.map((m) => [m.line, m.ruleId, m.reason])).toEqual([
      [1, 'invalid-config', "`lang` is `en`, but the first of `languages` (the site's default language) is `fa`."],
    ]);
    const twice = await configIn('languages:\n  - en\n  - fa\n  - lang: fa\n');
    expect(twice.messages.map((m) => [m.line, m.ruleId])).toEqual([[4, 'invalid-config']]);
    expect(twice.messages[0]!.reason).toContain('`fa` is listed twice');
    const folder = await configIn('languages: [en, search]\n');
    expect(folder.messages[0]!.reason).toContain('`search/` folder');
  });

  it('reads the table of each language, and warns of one with none', async () => {
    const { root } = await configIn('languages: [en, fa, de]\n');
    await mkdir(join(root, 'content'));
    const project = await readProject(root);
    expect(Object.keys(project.strings ?? {})).toEqual(['fa']);
    const { messages } = loadCatalogues(project);
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([['untranslated-interface', 'warning']]);
    expect(messages[0]!.reason).toContain('`de`');
  });
});
