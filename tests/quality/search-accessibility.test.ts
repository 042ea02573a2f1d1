/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInBothSchemes } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/serve.ts';
import { sharedOut } from '../helpers/site.ts';

/**
 * axe-core (WCAG 2.2 AA) on the search page of the example archive in each of its states, once
 * the script has drawn it: results with highlights and live facet counts, ticked filters, a
 * facet expanded, no results, the prompt, and the explanation shown when the index cannot load.
 */
const POLL = { timeout: 20_000 };

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveFolder(await sharedOut('example'))]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

const statusText = async (page: Page) => ((await page.locator('#search-status').textContent()) ?? '').trim();

/** Each state: a URL, and what to wait for (and do) before judging. */
const STATES: Record<string, { url: string; ready: (page: Page) => Promise<void> }> = {
  'results for “Kabul”': {
    url: '/search/?q=Kabul',
    ready: async (page) => {
      await expect.poll(() => statusText(page), POLL).toBe('3 reports for “Kabul”');
      expect(await page.locator('.search-excerpt mark').count()).toBeGreaterThan(0);
    },
  },
  'results with ticked filters, newest first': {
    url: '/search/?q=Taliban&place=Afghanistan&topic=Taliban&sort=newest',
    ready: async (page) => {
      await expect.poll(() => statusText(page), POLL).toBe('2 reports for “Taliban” in Afghanistan, Taliban');
      expect(await page.locator('#search-clear').isVisible()).toBe(true);
    },
  },
  'right-to-left results (“پنجشیر”)': {
    url: `/search/?q=${encodeURIComponent('پنجشیر')}`,
    ready: async (page) => {
      await expect.poll(() => page.locator('.search-result h3[dir=rtl]').count(), POLL).toBeGreaterThan(0);
    },
  },
  'no results': {
    url: '/search/?q=qzxqvwj',
    ready: async (page) => {
      await expect.poll(() => statusText(page), POLL).toBe('No reports match “qzxqvwj”.');
    },
  },
  'the prompt, with every facet': {
    url: '/search/',
    ready: async (page) => {
      await page.locator('#search-prompt').waitFor({ state: 'visible' });
      // Expand a long facet, so every value is judged.
      await page.locator('fieldset[data-key="place"] .search-facet-toggle').click();
      await expect
        .poll(() => page.locator('fieldset[data-key="place"] .search-facet-toggle').getAttribute('aria-expanded'), POLL)
        .toBe('true');
    },
  },
  'the index cannot load': {
    url: '/search/?q=Kabul',
    ready: async (page) => {
      await expect.poll(() => page.locator('#search-unavailable-text.notice').count(), POLL).toBe(1);
    },
  },
};

describe('axe-core, WCAG 2.2 AA, on the search page, in the light and the dark colour scheme', () => {
  it.each(Object.entries(STATES))('finds no violations: %s', async (name, state) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (name === 'the index cannot load') await page.route('**/pagefind/**', (route) => route.abort());
    const response = await page.goto(server.url + state.url);
    expect(response?.status()).toBe(200);
    await state.ready(page);
    expect(await axeViolationsInBothSchemes(page)).toEqual({ light: [], dark: [] });
    await context.close();
  });
});
