/// <reference lib="dom" />
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInBothSchemes } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/serve.ts';
import { buildSite, copyFixture, removeTemps, sharedOut } from '../helpers/site.ts';

/** One page of each type in the example archive; the search page with results. */
const PAGES: Record<string, string> = {
  home: '/',
  article: '/2021/08/22/andarab-resistance/',
  'article (right to left)': '/2021/09/06/panjshir-taliban-claim/',
  'article with a time': '/2021/08/30/last-us-flight-leaves-kabul/',
  year: '/2021/',
  month: '/2021/08/',
  day: '/2021/08/22/',
  place: '/places/af/baghlan/',
  topic: '/topics/national-resistance-front/',
  'archive index': '/archive/',
  'places index': '/places/',
  'topics index': '/topics/',
  'not found': '/404.html',
  search: '/search/?q=Kabul',
};
const WIDTHS = [320, 390, 1280];
const SCHEMES = ['light', 'dark'] as const;
const POLL = { timeout: 15_000 };

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), sharedOut('example').then(serveFolder)]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
  await removeTemps();
});

/** Opens a page at a width, failing on any request the site cannot answer; `failed` lists them. */
async function open(
  url: string,
  width: number,
  height = 800,
  base = server.url,
): Promise<{ page: Page; failed: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url().slice(base.length)}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url().slice(base.length)}`));
  await page.goto(base + url, { waitUntil: 'networkidle' });
  if (url.startsWith('/search/?q=')) await page.locator('.search-result').first().waitFor(POLL);
  return { page, failed, close: () => context.close() };
}

/** How far the page scrolls sideways, and the element reaching furthest right when it does. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    if (over <= 0) return '';
    const widest = Array.from(document.querySelectorAll('body *')).sort(
      (a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right,
    )[0];
    return `${over}px too wide (${widest?.tagName.toLowerCase()}.${widest?.className})`;
  });

describe('every page type on a phone and a desktop', () => {
  it.each(Object.entries(PAGES))(
    'the %s page: no sideways scrolling at 320, 390 and 1280 px, light, dark and print; every request answered; axe-core (target size included) at 320 and 390 px',
    async (_type, url) => {
      const { page, failed, close } = await open(url, 320);
      const wide: string[] = [];
      const axe: Record<string, { light: string[]; dark: string[] }> = {};
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        for (const colorScheme of SCHEMES) {
          await page.emulateMedia({ colorScheme });
          const over = await sideways(page);
          if (over) wide.push(`${width}px ${colorScheme}: ${over}`);
        }
        await page.emulateMedia({ media: 'print', colorScheme: 'light' });
        const printed = await sideways(page);
        if (printed) wide.push(`${width}px print: ${printed}`);
        await page.emulateMedia({ media: 'screen' });
        if (width < 1000) axe[width] = await axeViolationsInBothSchemes(page);
      }
      expect(wide).toEqual([]);
      expect(failed).toEqual([]);
      expect(axe).toEqual({ 320: { light: [], dark: [] }, 390: { light: [], dark: [] } });
      await close();
    },
  );

  it('asks for a favicon it has: /favicon.ico answers, and a page links its icons', async () => {
    const { page, close } = await open('/', 390);
    const icons = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]')).map(
        (l) => (l as HTMLLinkElement).href,
      ),
    );
    for (const href of [...icons, `${server.url}/favicon.ico`]) expect((await page.request.get(href)).status(), href).toBe(200);
    await close();
  });
});

describe('the search page on a phone', () => {
  it.each([
    [390, 844],
    [320, 640],
  ])('shows the first result above the fold at %d×%d px, the choices closed behind “Refine”', async (width, height) => {
    const { page, close } = await open('/search/?q=Kabul', width, height);
    const top = await page
      .locator('.search-result')
      .first()
      .evaluate((e) => e.getBoundingClientRect().top);
    expect(top).toBeLessThan(height - 100);
    expect(await page.locator('#search-refine').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator('#search-facets fieldset').first().isVisible()).toBe(false);
    await close();
  });

  it('opens “Refine” with its counts, and says how many choices are ticked when closed', async () => {
    const { page, close } = await open('/search/?q=Kabul', 390, 844);
    const summary = page.locator('#search-refine > summary');
    expect((await summary.textContent())?.trim()).toBe('Refine');
    await summary.click();
    const kabul = page.locator('fieldset[data-key="place"] li').filter({ hasText: 'Kabul' });
    expect(await kabul.locator('.search-facet-count').textContent()).toBe('3');
    await kabul.locator('input').check();
    await expect.poll(() => summary.textContent(), POLL).toMatch(/^Refine\s+\(1 chosen\)$/);
    await summary.click();
    expect(await page.locator('#search-facets fieldset').first().isVisible()).toBe(false);
    await close();
  });

  it('keeps the choices open beside the results on a wide screen, with no “Refine” to press', async () => {
    const { page, close } = await open('/search/?q=Kabul', 1280);
    expect(await page.locator('#search-refine > summary').isVisible()).toBe(false);
    expect(await page.locator('#search-facets fieldset').first().isVisible()).toBe(true);
    await close();
  });
});

describe('printing', () => {
  /** Whether each selector's first element is drawn (displayed, and not inside something hidden). */
  const drawn = (page: Page, selectors: string[]) =>
    page.evaluate(
      (list) => Object.fromEntries(list.map((s) => [s, (document.querySelector(s) as HTMLElement | null)?.checkVisibility() ?? 'missing'])),
      selectors,
    );

  it('an article keeps its headline, dateline, body, sources, corrections, citation and credits; drops navigation, search and feeds; follows links with their address', async () => {
    const root = await copyFixture('zones');
    const article = [
      '---',
      'title: A report with sources and a correction',
      'date: 2021-08-22T10:00',
      'timezone: Asia/Kabul',
      'location: Kabul, Afghanistan',
      'sources:',
      '  - { publisher: Pajhwok, title: Fighting in Andarab, url: "https://pajhwok.com/andarab/" }',
      '  - { publisher: Tolo, url: "https://tolonews.com/x" }',
      'corrections:',
      '  - { date: 2021-08-23, text: An earlier version misnamed the district. }',
      '---',
      'The [ministry](https://example.org/statement) said so.',
    ].join('\n');
    await writeFile(join(root, 'content/printed.md'), article);
    const site = await buildSite(root);
    const local = await serveFolder(site.out);
    try {
      const { page, close } = await open('/2021/08/22/printed/', 1280, 800, local.url);
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const kept = ['h1', '.dateline', '.article-body', '.sources', '#corrections-heading', '.citation-text', '.credits'];
      const dropped = ['.masthead nav', '.site-search', '.footer-data', '.skip-link'];
      expect(await drawn(page, [...kept, ...dropped])).toEqual(
        Object.fromEntries([...kept.map((s) => [s, true]), ...dropped.map((s) => [s, false])]),
      );
      const addressAfter = (selector: string) => page.locator(selector).evaluate((a) => getComputedStyle(a, '::after').content);
      expect(await addressAfter('.article-body a')).toBe('" (https://example.org/statement)"');
      expect(await addressAfter('.sources li:first-child a')).toBe('" (https://pajhwok.com/andarab/)"');
      // A link whose text is its address is not followed by it again.
      expect(await addressAfter('.sources a.url')).toBe('none');
      // Black on white on paper, whatever the screen's scheme.
      expect(await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor])).toEqual([
        'rgb(0, 0, 0)',
        'rgb(255, 255, 255)',
      ]);
      await close();
    } finally {
      await local.close();
    }
  });

  it('a listing keeps its title and reports and drops its feeds, pager and side column; the search page keeps its results', async () => {
    const { page, close } = await open('/places/af/baghlan/', 1280);
    await page.emulateMedia({ media: 'print' });
    expect(await drawn(page, ['h1', '.teaser', '.feeds', '.listing-aside'])).toEqual({
      h1: true,
      '.teaser': true,
      '.feeds': false,
      '.listing-aside': false,
    });
    await close();
    const search = await open('/search/?q=Kabul', 1280);
    await search.page.emulateMedia({ media: 'print' });
    expect(await drawn(search.page, ['.search-result', '#search-refine', '.search-form'])).toEqual({
      '.search-result': true,
      '#search-refine': false,
      '.search-form': false,
    });
    await search.close();
  });
});
