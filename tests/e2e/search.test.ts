/// <reference lib="dom" />
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../src/archive/archive.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/serve.ts';
import { type BuiltSite, exampleSite, removeTemps, sharedBuiltSite } from '../helpers/site.ts';

/**
 * The search page (templates/search.njk, public/search.js) in Debian's Chromium, on the example
 * archive built into a temporary folder and served on 127.0.0.1, as a static host serves it.
 * Every wait is a poll on the page's state (expect.poll, locator waits); nothing sleeps.
 */

const ANDARAB = 'Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum';
const PANJSHIR = 'طالبان مدعی تصرف پنجشیر شدند؛ جبهه مقاومت ملی این ادعا را رد کرد';
/** The Andarab report's Dari and Pashto translations: one index holds every language. */
const ANDARAB_FA = 'مقاومت سه ولسوالی اندراب را در دست دارد و طالبان به پنجشیر اتمام حجت دادند';
const ANDARAB_PS = 'مقاومت د اندراب درې ولسوالۍ په لاس کې لري او طالبانو پنجشیر ته وروستی خبرداری ورکړ';
const POLL = { timeout: 20_000 };

let site: BuiltSite;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let context: BrowserContext;

beforeAll(async () => {
  site = await exampleSite();
  expect(site.report.ok).toBe(true);
  [browser, server] = await Promise.all([launchChromium(), serveFolder(site.out)]);
  context = await browser.newContext();
});
afterAll(async () => {
  await context?.close();
  await Promise.all([browser?.close(), server?.close()]);
  await removeTemps();
});

/** Opens the search page at a query string (`?q=Kabul`) in a fresh tab. */
async function openSearch(query = '', on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  await page.goto(`${server.url}/search/${query}`);
  return page;
}

const status = (page: Page) => page.locator('#search-status');
const statusText = async (page: Page) => ((await status(page).textContent()) ?? '').trim();
const titles = (page: Page) => page.locator('.search-result h3').allTextContents();
const box = (page: Page, group: string, label: string) =>
  page
    .locator(`fieldset[data-key="${group}"] li`)
    .filter({ has: page.locator('.search-facet-name', { hasText: new RegExp(`^${label}$`) }) });
const checkbox = (page: Page, group: string, label: string) => box(page, group, label).locator('input[type=checkbox]');
/** The live count beside a facet value. */
const facetCount = async (page: Page, group: string, label: string) =>
  Number(await box(page, group, label).locator('.search-facet-count').textContent());
const params = (page: Page) => new URL(page.url()).searchParams;

/** The example archive's published articles, oldest first by the instant (UTC), across zones. */
function byInstant(): ArticlePage[] {
  return site.report
    .archive!.articles.filter((a) => a.status === 'published')
    .sort((a, b) => Date.parse(a.date.utc) - Date.parse(b.date.utc));
}

describe('searching the example archive', () => {
  it('finds the Andarab report by a spelling of its district, “Pul-e Hisar”', async () => {
    const page = await openSearch('?q=Pul-e+Hisar');
    await expect.poll(() => statusText(page), POLL).toBe('3 reports for “Pul-e Hisar”');
    expect((await titles(page)).sort()).toEqual([ANDARAB, ANDARAB_FA, ANDARAB_PS].sort());
    const result = page.locator('.search-result').filter({ hasText: ANDARAB });
    expect(await result.locator('.dateline-place').textContent()).toBe('Banu, Pol-e-Hesar and De Salah, Baghlan');
    expect(await result.locator('time').getAttribute('datetime')).toBe('2021-08-22');
    expect(await result.locator('time').textContent()).toBe('22 August 2021');
    // The excerpt is the report's own words, holding nothing but text and <mark>s; the result
    // says which spelling of its places found it (the report writes "Pol-e-Hesar").
    const excerpt = (await result.locator('.search-excerpt').textContent()) ?? '';
    expect(excerpt).not.toContain('Pul-e Hisar');
    expect(excerpt).not.toContain(' · ');
    expect(await result.locator('.search-excerpt *:not(mark)').count()).toBe(0);
    expect(await result.locator('.search-matched').textContent()).toBe('Found by the spelling “Pul-e Hisar”');
    expect(await result.locator('.search-matched bdi').textContent()).toBe('Pul-e Hisar');
    // Portable links (the default): to index.html, relative to the site root.
    expect(await result.locator('h3 a').getAttribute('href')).toBe(`${server.url}/2021/08/22/andarab-resistance/index.html`);
    await page.close();
  });

  it('finds it by its Dari name, “پل حصار”, typed into the search box', async () => {
    const page = await openSearch();
    await page.locator('#search-q').fill('پل حصار');
    await page.locator('#search-q').press('Enter');
    await expect.poll(() => statusText(page), POLL).toBe('3 reports for “پل حصار”');
    expect((await titles(page)).sort()).toEqual([ANDARAB, ANDARAB_FA, ANDARAB_PS].sort());
    expect(params(page).get('q')).toBe('پل حصار');
    const english = page.locator('.search-result').filter({ hasText: ANDARAB });
    expect(await english.locator('.search-matched bdi').textContent()).toBe('پل حصار');
    // Its words do not hold the query: the excerpt is the opening of its text, the headline first.
    expect(await english.locator('.search-excerpt').textContent()).toMatch(/^Resistance holds three Andarab districts/);
    await page.close();
  });

  it('shows a place search with excerpts of the reports’ own words, the place highlighted, never a list of its spellings', async () => {
    const page = await openSearch('?q=Kabul');
    await expect.poll(() => titles(page).then((t) => t.length), POLL).toBeGreaterThan(1);
    const excerpts = await page.locator('.search-result .search-excerpt').allTextContents();
    const articles = site.report.archive!.articles;
    for (const [i, excerpt] of excerpts.entries()) {
      expect(excerpt).not.toMatch(/Kābul|کابل · | · Kabul/);
      // Pagefind's excerpt is a run of the report's words (its text, whitespace collapsed).
      const url = new URL((await page.locator('.search-result h3 a').nth(i).getAttribute('href'))!).pathname.replace(/index\.html$/, '');
      const article = articles.find((a) => a.url === url)!;
      const words = [article.title, article.summary ?? '', site.report.bodies!.get(article.bodyKey).text].join(' ').replace(/\s+/g, ' ');
      expect(words).toContain(excerpt.replace(/\s+/g, ' ').trim().replace(/…$/, '').split(' ').slice(1, 6).join(' '));
    }
    expect(await page.locator('.search-result .search-excerpt mark').first().textContent()).toMatch(/^Kabul/);
    await page.close();
  });

  it('lists the report filed at Panjshir before the one that only mentions it, headline and all', async () => {
    const page = await openSearch('?q=panjshir');
    await expect.poll(() => titles(page), POLL).toEqual([PANJSHIR, ANDARAB]);
    await page.close();
  });

  it('folds the query as the index was folded: Arabic ي finds the Persian ی of “پنجشیر”', async () => {
    const page = await openSearch(`?q=${encodeURIComponent('پنجشير')}`);
    await expect.poll(() => titles(page), POLL).toContain(PANJSHIR);
    const heading = page.locator('.search-result h3', { hasText: PANJSHIR });
    expect(await heading.getAttribute('lang')).toBe('fa');
    expect(await heading.getAttribute('dir')).toBe('rtl');
    await page.close();
  });

  it('narrows by place (Baghlan) and by year (2021), updating the counts and the URL', async () => {
    const page = await openSearch('?q=Taliban');
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');
    expect(await facetCount(page, 'year', '2021')).toBe(4);
    expect(await facetCount(page, 'place', 'Baghlan')).toBe(1);
    expect(await facetCount(page, 'lang', 'English')).toBe(4);
    expect(await box(page, 'place', 'Kabul').isVisible()).toBe(true);

    await checkbox(page, 'place', 'Baghlan').check();
    await expect.poll(() => statusText(page), POLL).toBe('1 report for “Taliban” in Baghlan');
    expect(await titles(page)).toEqual([ANDARAB]);
    expect(await facetCount(page, 'year', '2021')).toBe(1);
    expect(await facetCount(page, 'lang', 'English')).toBe(1);
    // Places with no report left are hidden; the ticked one stays.
    expect(await box(page, 'place', 'Baghlan').isVisible()).toBe(true);
    expect(await box(page, 'place', 'Kabul').isHidden()).toBe(true);
    expect(params(page).getAll('place')).toEqual(['Baghlan']);

    await checkbox(page, 'year', '2021').check();
    await expect.poll(() => statusText(page), POLL).toBe('1 report for “Taliban” in 2021, Baghlan');
    expect(params(page).getAll('year')).toEqual(['2021']);
    expect(await checkbox(page, 'year', '2021').isChecked()).toBe(true);
    expect(await checkbox(page, 'place', 'Baghlan').isChecked()).toBe(true);

    await page.locator('#search-clear').click();
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');
    expect([...params(page).keys()]).toEqual(['q']);
    await page.close();
  });

  it('lists reports by a filter alone, with no words, and names the language facet in English', async () => {
    const page = await openSearch('?lang=fa');
    await expect.poll(() => statusText(page), POLL).toBe('2 reports in Persian');
    expect(await titles(page)).toEqual([PANJSHIR, ANDARAB_FA]);
    expect(await checkbox(page, 'lang', 'Persian').isChecked()).toBe(true);
    await page.close();
  });

  it('sorts newest or oldest first by the instant, across time zones', async () => {
    const oldest = byInstant().map((a) => a.title);
    // Haiti (08:29 in Port-au-Prince) came before the Kabul report of the next local day.
    expect(oldest.indexOf("Magnitude 7.2 earthquake strikes Haiti's southwestern peninsula")).toBeLessThan(
      oldest.indexOf('Taliban enter Kabul as President Ashraf Ghani leaves Afghanistan'),
    );
    const page = await openSearch('?year=2021&sort=newest');
    await expect.poll(() => titles(page), POLL).toEqual([...oldest].reverse());
    expect(await page.locator('#search-sort').inputValue()).toBe('newest');

    await page.locator('#search-sort').selectOption('oldest');
    await expect.poll(() => titles(page), POLL).toEqual(oldest);
    expect(params(page).get('sort')).toBe('oldest');

    // With words too: the Kabul reports, oldest first.
    await page.locator('#search-q').fill('Kabul');
    await page.locator('#search-q').press('Enter');
    const kabul = oldest.filter((t) => /Kabul/.test(t));
    await expect.poll(() => titles(page), POLL).toEqual(kabul);
    await page.locator('#search-sort').selectOption('newest');
    await expect.poll(() => titles(page), POLL).toEqual([...kabul].reverse());
    await page.close();
  });

  it('restores the query, filters and order when the URL is reloaded', async () => {
    const page = await openSearch();
    await page.locator('#search-q').fill('Taliban');
    await page.locator('#search-q').press('Enter');
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');
    await checkbox(page, 'place', 'Afghanistan').check();
    await checkbox(page, 'topic', 'Taliban').check();
    await expect.poll(() => statusText(page), POLL).toBe('2 reports for “Taliban” in Afghanistan, Taliban');
    await page.locator('#search-sort').selectOption('oldest');
    await expect.poll(() => params(page).get('sort'), POLL).toBe('oldest');
    const shown = await titles(page);
    expect(shown).toHaveLength(2);

    await page.reload();
    await expect.poll(() => statusText(page), POLL).toBe('2 reports for “Taliban” in Afghanistan, Taliban');
    expect(await page.locator('#search-q').inputValue()).toBe('Taliban');
    expect(await page.locator('#search-sort').inputValue()).toBe('oldest');
    expect(await checkbox(page, 'place', 'Afghanistan').isChecked()).toBe(true);
    expect(await checkbox(page, 'topic', 'Taliban').isChecked()).toBe(true);
    expect(await checkbox(page, 'place', 'Baghlan').isChecked()).toBe(false);
    expect(await titles(page)).toEqual(shown);
    expect(await page.title()).toBe('“Taliban” · Search the archive · Dateline');
    await page.close();
  });

  it('goes Back and Forward through searches', async () => {
    const page = await openSearch('?q=Kabul');
    await expect.poll(() => statusText(page), POLL).toBe('3 reports for “Kabul”');
    await page.locator('#search-q').fill('Taliban');
    await page.locator('#search-q').press('Enter');
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');
    await checkbox(page, 'place', 'Baghlan').check();
    await expect.poll(() => statusText(page), POLL).toBe('1 report for “Taliban” in Baghlan');

    await page.goBack();
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');
    expect(await page.locator('#search-q').inputValue()).toBe('Taliban');
    expect(await checkbox(page, 'place', 'Baghlan').isChecked()).toBe(false);

    await page.goBack();
    await expect.poll(() => statusText(page), POLL).toBe('3 reports for “Kabul”');
    expect(await page.locator('#search-q').inputValue()).toBe('Kabul');
    expect(await titles(page)).toHaveLength(3);

    await page.goForward();
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');
    await page.close();
  });

  it('can be used with the keyboard alone: search, tick a facet, open a result', async () => {
    const page = await openSearch();
    await page.locator('#search-app').waitFor({ state: 'visible' });
    /** Presses Tab until the focused element matches, failing after many presses. */
    const tabTo = async (matches: () => boolean, what: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(matches)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);

    await tabTo(() => document.activeElement?.id === 'search-q', 'the search box');
    expect(await outline()).toBe('solid');
    await page.keyboard.type('Taliban');
    await page.keyboard.press('Enter');
    await expect.poll(() => statusText(page), POLL).toBe('4 reports for “Taliban”');

    await tabTo(
      () =>
        (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.querySelector('.search-facet-name')?.textContent === 'Baghlan',
      'the Baghlan box',
    );
    expect(await outline()).toBe('solid');
    await page.keyboard.press('Space');
    await expect.poll(() => statusText(page), POLL).toBe('1 report for “Taliban” in Baghlan');
    // Focus stays on the box just ticked.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);

    await tabTo(() => document.activeElement?.matches('.search-result a') ?? false, 'the first result');
    expect(await outline()).toBe('solid');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(ANDARAB);
    await Promise.all([page.waitForURL(/\/2021\/08\/22\/andarab-resistance\/index\.html$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(ANDARAB);
    await page.close();
  });

  it('announces the count in a polite live region that stays in place', async () => {
    const page = await openSearch();
    await page.locator('#search-app').waitFor({ state: 'visible' });
    expect(await status(page).getAttribute('aria-live')).toBe('polite');
    expect(await status(page).getAttribute('role')).toBe('status');
    expect(await statusText(page)).toBe('');
    // Mark the region: screen readers follow the element, so it must be updated, not replaced.
    await status(page).evaluate((el) => el.setAttribute('data-marked', ''));
    await page.locator('#search-q').fill('Baghlan');
    await page.locator('#search-q').press('Enter');
    await expect.poll(() => statusText(page), POLL).toBe('3 reports for “Baghlan”');
    expect(await page.locator('#search-status[data-marked]').count()).toBe(1);
    await page.close();
  });

  it('shows the empty state for a nonsense query, with links to browse instead', async () => {
    const page = await openSearch('?q=qzxqvwj');
    await expect.poll(() => statusText(page), POLL).toBe('No reports match “qzxqvwj”.');
    expect(await titles(page)).toEqual([]);
    const empty = page.locator('#search-empty');
    expect(await empty.isVisible()).toBe(true);
    expect(await empty.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '../archive/index.html',
      '../places/index.html',
      '../topics/index.html',
    ]);
    expect(await page.locator('#search-more').isHidden()).toBe(true);
    await page.close();
  });

  it('explains, rather than showing a blank page, when opened from disk (file://)', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site.out, 'search/index.html')).href);
    const explanation = page.locator('#search-unavailable');
    await explanation.waitFor({ state: 'visible' });
    expect(await explanation.textContent()).toMatch(/served|disk/);
    expect(await page.locator('#search-app').isHidden()).toBe(true);
    // The browse links work from disk.
    await Promise.all([page.waitForURL(/\/places\/index\.html$/), explanation.getByRole('link', { name: 'places' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Places');
    await page.close();
  });

  it('says that search cannot run when the index does not load', async () => {
    const page = await context.newPage();
    await page.route('**/pagefind/**', (route) => route.abort());
    await page.goto(`${server.url}/search/?q=Kabul`);
    await expect
      .poll(() => page.locator('#search-unavailable-text').textContent(), POLL)
      .toBe('Search could not load its index, so it cannot run here.');
    expect(await page.locator('#search-unavailable').isVisible()).toBe(true);
    expect(await page.locator('#search-app').isHidden()).toBe(true);
    await page.close();
  });

  it('shows the explanation and browse links without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await openSearch('?q=Kabul', noJs);
    expect(await page.locator('#search-unavailable').isVisible()).toBe(true);
    expect(await page.locator('#search-unavailable').textContent()).toContain('needs JavaScript');
    expect(await page.locator('#search-app').isHidden()).toBe(true);
    await noJs.close();
  });

  it('stays valid HTML as drawn, with results, ticked filters and the empty state (html-validate)', async () => {
    // The recommended preset, as on the built pages; the DOM serializer writes `hidden=""` and `open=""`.
    const rules = { 'long-title': 'off', 'attribute-empty-style': 'off', 'attribute-boolean-style': 'off' } as const;
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules });
    for (const [query, done] of [
      ['?q=Kabul', '3 reports for “Kabul”'],
      ['?q=Taliban&place=Baghlan&sort=oldest', '1 report for “Taliban” in Baghlan'],
      ['?q=qzxqvwj', 'No reports match “qzxqvwj”.'],
    ] as const) {
      const page = await openSearch(query);
      await expect.poll(() => statusText(page), POLL).toBe(done);
      const html = `<!DOCTYPE html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`;
      const report = await validator.validateString(html);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${query} ${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
      await page.close();
    }
  });

  it('loads at most a few hundred kilobytes from pagefind/ for the first query', async () => {
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/pagefind/')) bodies.push(response.body());
    });
    await page.goto(`${server.url}/search/?q=Kabul`);
    await expect.poll(() => statusText(page), POLL).toBe('3 reports for “Kabul”');
    const sizes = await Promise.all(bodies);
    const bytes = sizes.reduce((sum, b) => sum + b.length, 0);
    const gzipped = sizes.reduce((sum, b) => sum + gzipSync(b).length, 0);
    console.log(
      `First query ("Kabul") on the example archive: ${sizes.length} pagefind/ responses, ${bytes} bytes (${gzipped} bytes gzipped)`,
    );
    expect(bytes).toBeLessThan(300_000);
    await fresh.close();
  });
});

describe('a longer archive (40 generated articles over many years)', () => {
  let corpus: BuiltSite;
  let corpusServer: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    corpus = await sharedBuiltSite('corpus40');
    expect(corpus.report.ok).toBe(true);
    corpusServer = await serveFolder(corpus.out);
  });
  afterAll(async () => {
    await corpusServer?.close();
  });

  it('shows ten results, then ten more at a time, moving focus to the first one added', async () => {
    const english = corpus.report.archive!.articles.filter((a) => a.status === 'published' && a.lang === 'en');
    expect(english.length).toBeGreaterThan(20);
    const page = await context.newPage();
    await page.goto(`${corpusServer.url}/search/?lang=en`);
    await expect.poll(() => statusText(page), POLL).toBe(`${english.length} reports in English`);
    expect(await titles(page)).toHaveLength(10);
    const more = page.locator('#search-more');
    expect(await more.textContent()).toBe('Show 10 more');
    expect(await page.locator('#search-showing').textContent()).toBe(`Showing 10 of ${english.length}.`);

    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => titles(page).then((t) => t.length), POLL).toBe(20);
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.matches('.search-result:nth-child(11)'))).toBe(true);
    // Newest first when there are no words to rank by.
    const newest = [...english].sort((a, b) => Date.parse(b.date.utc) - Date.parse(a.date.utc)).map((a) => a.title);
    expect(await titles(page)).toEqual(newest.slice(0, 20));

    while (await more.isVisible()) {
      const before = (await titles(page)).length;
      await more.click();
      await expect.poll(() => titles(page).then((t) => t.length), POLL).toBeGreaterThan(before);
    }
    expect(await titles(page)).toEqual(newest);
    await page.close();
  });

  it('narrows by year, and the year counts are the archive’s', async () => {
    const published = corpus.report.archive!.articles.filter((a) => a.status === 'published');
    const perYear = new Map<string, number>();
    for (const a of published) perYear.set(a.date.datetime.slice(0, 4), (perYear.get(a.date.datetime.slice(0, 4)) ?? 0) + 1);
    const [year, count] = [...perYear].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    const page = await context.newPage();
    await page.goto(`${corpusServer.url}/search/`);
    await page.locator('#search-prompt').waitFor({ state: 'visible' });
    // Show every year, then compare each count with the model.
    const toggle = page.locator('fieldset[data-key="year"] .search-facet-toggle');
    if (await toggle.isVisible()) await toggle.click();
    for (const [y, n] of perYear) expect(await facetCount(page, 'year', y), y).toBe(n);

    await checkbox(page, 'year', year).check();
    await expect.poll(() => statusText(page), POLL).toBe(`${count} ${count === 1 ? 'report' : 'reports'} in ${year}`);
    expect(
      await page.locator('.search-result time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!.slice(0, 4))),
    ).toEqual(Array(count).fill(year));
    await page.close();
  });
});
