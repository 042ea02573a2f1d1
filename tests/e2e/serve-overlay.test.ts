import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { removeTemps } from '../helpers/site.ts';
import { startServe, stopServers } from '../helpers/serve-process.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  stopServers();
  await removeTemps();
});

describe('dateline serve in a browser', () => {
  it('reloads the open page after a save and shows a broken save over the page', async () => {
    const { root, url } = await startServe();
    const page = await browser.newPage();
    await page.goto(url + '2021/08/22/andarab-resistance/');
    await expect.poll(() => page.evaluate(() => document.querySelector('script[src="/__dateline/reload.js"]') !== null)).toBe(true);
    const file = join(root, 'content/2021/08/andarab-resistance.md');
    const original = await readFile(file, 'utf8');

    await writeFile(file, original.replace(/\n$/, '\n\nSaved while the page was open.\n'));
    // No navigation by the test: the page reloads itself.
    await page.getByText('Saved while the page was open.').waitFor({ timeout: 60_000 });

    await writeFile(file, original.replace('date: 2021-08-22', 'date: 2021-08-32'));
    const overlay = page.getByRole('alert').filter({ hasText: 'The last save did not build' });
    await overlay.waitFor({ timeout: 60_000 });
    expect(await overlay.textContent()).toMatch(/andarab-resistance\.md:\d+:\d+: error .*\[invalid-date\]/);
    // The last good build is still what the page shows beneath.
    expect(await page.getByText('Saved while the page was open.').count()).toBe(1);
    await page.close();
  });
});
