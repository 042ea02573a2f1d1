/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInBothSchemes, axeViolations as violations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/serve.ts';
import { sharedOut } from '../helpers/site.ts';

/** One page of each type in the example archive. */
const PAGES = {
  home: '/',
  'article (left to right)': '/2021/08/22/andarab-resistance/',
  'article (right to left)': '/2021/09/06/panjshir-taliban-claim/',
  'article with a time': '/2021/08/30/last-us-flight-leaves-kabul/',
  year: '/2021/',
  'place: country': '/places/af/',
  'place: province': '/places/af/baghlan/',
  'place: region': '/places/af/baghlan/andarab/',
  'place: district': '/places/af/baghlan/pol-e-hesar/',
  topic: '/topics/national-resistance-front/',
  month: '/2021/08/',
  day: '/2021/08/22/',
  'archive index': '/archive/',
  'places index': '/places/',
  'topics index': '/topics/',
  'not found': '/404.html',
};

/** The pages of listings sliced by time, in the example with a busy day and listings of at most 2. */
const SLICED_PAGES = {
  'place printing its newest reports, with its years': '/places/af/baghlan/',
  'year of a place, with its months': '/places/af/2021/',
  'part of a busy day of a place': '/places/af/baghlan/2021/08/22/1/',
  'year printing its newest reports, with its months': '/2021/',
  'part of a busy day': '/2021/08/22/2/',
};

/** Pages of the example as one site in English, Dari (`/fa/`) and Pashto (`/ps/`), each with its language switch. */
const LANGUAGE_PAGES = {
  'Dari home': '/fa/',
  'Pashto home': '/ps/',
  'Dari month': '/fa/2021/08/',
  'Pashto place': '/ps/places/af/baghlan/',
  'Dari places index': '/fa/places/',
  'Dari search': '/fa/search/',
  'Dari article in the Dari site': '/2021/08/22/andarab-resistance-dari/',
  'English article with its translations': '/2021/08/22/andarab-resistance/',
};

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let sliced: Awaited<ReturnType<typeof serveFolder>>;
let dari: Awaited<ReturnType<typeof serveFolder>>;
let pashto: Awaited<ReturnType<typeof serveFolder>>;
let trilingual: Awaited<ReturnType<typeof serveFolder>>;
beforeAll(async () => {
  [browser, server, sliced, dari, pashto, trilingual] = await Promise.all([
    launchChromium(),
    serveFolder(await sharedOut('example')),
    serveFolder(await sharedOut('sliced')),
    serveFolder(await sharedOut('dari')),
    serveFolder(await sharedOut('pashto')),
    serveFolder(await sharedOut('languages')),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close(), sliced?.close(), dari?.close(), pashto?.close(), trilingual?.close()]);
});

describe('axe-core, WCAG 2.2 AA, in the light and the dark colour scheme', () => {
  const pages = [
    ...Object.entries(PAGES).map(([type, url]) => [type, url, false] as const),
    ...Object.entries(SLICED_PAGES).map(([type, url]) => [type, url, true] as const),
  ];
  it.each(pages)('finds no violations on the %s page', async (_type, url, isSliced) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto((isSliced ? sliced : server).url + url);
    expect(response?.status()).toBe(200);
    expect(await axeViolationsInBothSchemes(page)).toEqual({ light: [], dark: [] });
    await context.close();
  });

  // Every page type again with the interface in Dari and in Pashto, right to left.
  const languages = Object.entries(PAGES).flatMap(([type, url]) => [[type, 'Dari', url] as const, [type, 'Pashto', url] as const]);
  it.each(languages)('finds no violations on the %s page in %s', async (_type, language, url) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto((language === 'Dari' ? dari : pashto).url + url);
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await axeViolationsInBothSchemes(page)).toEqual({ light: [], dark: [] });
    await context.close();
  });

  it.each(Object.entries(LANGUAGE_PAGES))('finds no violations on the %s page of a site in three languages', async (_type, url) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(trilingual.url + url);
    expect(response?.status()).toBe(200);
    expect(await page.locator('.language-switch a').count()).toBe(2);
    expect(await axeViolationsInBothSchemes(page)).toEqual({ light: [], dark: [] });
    await context.close();
  });
});

describe('keyboard use', () => {
  it('reaches the skip link first and lands in the main content with Enter', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/2021/08/22/andarab-resistance/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    expect(await page.evaluate(() => document.activeElement?.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    await page.close();
  });

  it('shows a visible focus outline on links', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.close();
  });
});

describe('the accessibility judge', () => {
  it('judges the dark colour scheme apart from the light (proof the switch is not vacuous)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dark = '@media (prefers-color-scheme: dark) { body { background: #000; color: #111 } }';
    await page.setContent(
      `<!DOCTYPE html><html lang="en"><head><title>x</title><style>${dark}</style></head><body><main><h1>Title</h1><p>Text</p></main></body></html>`,
    );
    const found = await axeViolationsInBothSchemes(page);
    expect(found.light).toEqual([]);
    expect(found.dark.some((v) => v.startsWith('color-contrast'))).toBe(true);
    await context.close();
  });

  it('fails an image without alt text (proof it is not vacuous)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
    );
    expect((await violations(page)).some((v) => v.startsWith('image-alt'))).toBe(true);
    await context.close();
  });
});
