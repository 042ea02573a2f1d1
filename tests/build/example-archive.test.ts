import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, exampleSite, listFiles, readPage, removeTemps } from '../helpers/site.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await exampleSite();
});
afterAll(removeTemps);

describe('the bundled example archive', () => {
  it('builds with no errors and no warnings', () => {
    expect(site.report.messages).toEqual([]);
    expect(site.report.ok).toBe(true);
    expect(site.report.articles).toBe(10);
  });

  it('puts the Andarab report at its Kabul-date URL with the day in <time datetime>', async () => {
    const page = await site.page('/2021/08/22/andarab-resistance/');
    expect(page.text('h1')).toBe('Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum');
    const time = page.one('.article-header .dateline time');
    expect(time.properties.dateTime).toBe('2021-08-22');
    expect(page.text('.article-header .dateline')).toBe('Banu, Pol-e-Hesar and De Salah, Baghlan — 22 August 2021');
  });

  it('links the Andarab report to Pol-e-Hesar, Banu, De Salah, Baghlan and the Andarab region', async () => {
    const page = await site.page('/2021/08/22/andarab-resistance/');
    const links = Object.fromEntries(page.all('.article-footer .places a').map((a) => [textOf(a), String(a.properties.href)]));
    expect(links).toMatchObject({
      'Pol-e-Hesar': '../../../../places/af/baghlan/pol-e-hesar/index.html',
      Banu: '../../../../places/af/baghlan/banu/index.html',
      'De Salah': '../../../../places/af/baghlan/de-salah/index.html',
      Baghlan: '../../../../places/af/baghlan/index.html',
      Andarab: '../../../../places/af/baghlan/andarab/index.html',
      Afghanistan: '../../../../places/af/index.html',
    });
  });

  it('credits the outlet that reported the Andarab story', async () => {
    const page = await site.page('/2021/08/22/andarab-resistance/');
    expect(page.text('.sources')).toContain('Republic World');
  });

  it('lists the Andarab report under 22 August 2021 on the home page and the year page', async () => {
    const home = await site.page('/');
    const group = home.all('.group').find((g) => textOf(g).includes('Andarab districts'))!;
    expect(textOf(group.children.find((c) => c.type === 'element' && c.tagName === 'h2')!)).toBe('22 August 2021');
    const year = await site.page('/2021/');
    expect(year.html).toContain('andarab-resistance/index.html');
  });

  it('keeps a 23:59 Kabul time on the Kabul day and shows the time with its zone', async () => {
    const page = await site.page('/2021/08/30/last-us-flight-leaves-kabul/');
    expect(page.one('.article-header time').properties.dateTime).toBe('2021-08-30T23:59:00+04:30');
    expect(page.text('.article-header .dateline')).toBe('Kabul — 30 August 2021, 23:59 UTC+4:30');
  });

  it('marks the Dari article right-to-left and keeps the English dateline left-to-right', async () => {
    const page = await site.page('/2021/09/06/panjshir-taliban-claim/');
    const article = page.one('article');
    expect([article.properties.lang, article.properties.dir]).toEqual(['fa', 'rtl']);
    expect(page.one('.article-header .dateline').properties.dir).toBe('ltr');
  });

  it('shows the native name on place pages and the GeoNames credit in the footer', async () => {
    const page = await site.page('/places/af/baghlan/andarab/');
    expect(page.text('.other-names')).toBe('اندراب');
    expect(page.text('.breadcrumb')).toContain('Baghlan');
    expect(page.text('.site-footer')).toContain('GeoNames');
    expect(page.text('.site-footer')).toContain('CC BY 4.0');
  });

  it('rolls articles up to containing places: Baghlan lists the Andarab report', async () => {
    const page = await site.page('/places/af/baghlan/');
    expect(page.all('.teaser h3 a').map((a) => textOf(a))).toContain(
      'Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum',
    );
  });

  it('uses only relative links (rooted on the 404 page), each of which resolves to a file in the site', async () => {
    const files = await listFiles(site.out);
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBe(site.report.pages);
    for (const file of pages) {
      const page = await readPage(join(site.out, file));
      for (const el of page.all('a[href], link[href]')) {
        const href = String(el.properties.href);
        if (/^(https?:|mailto:|#)/.test(href)) continue;
        // Servers show 404.html at any address, so its links are rooted at the base URL's path.
        if (file === '404.html') expect(href, `${file}: ${href}`).toMatch(/^\//);
        else expect(href, `${file}: ${href}`).not.toMatch(/^\//);
        const target =
          file === '404.html'
            ? join(site.out, href.replace(/[#?].*$/, ''), href.endsWith('/') ? 'index.html' : '')
            : join(site.out, file, '..', href.replace(/[#?].*$/, ''));
        expect(existsSync(target), `${file} links to missing ${href}`).toBe(true);
      }
    }
  });

  it('gives every page an absolute canonical URL on the configured base', async () => {
    const page = await site.page('/2021/08/22/andarab-resistance/');
    expect(page.one('link[rel=canonical]').properties.href).toBe('https://dateline.example.org/2021/08/22/andarab-resistance/');
  });

  it('copies public/ assets', async () => {
    expect(await site.files()).toContain('style.css');
  });
});
