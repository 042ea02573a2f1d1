import { appendFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { editFile, poll, saveThreeTitles, startServe, stopServers } from '../helpers/serve-process.ts';
import { removeTemps } from '../helpers/site.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  stopServers();
  await removeTemps();
});

const shows = (page: Page, text: string) => page.waitForFunction((t) => document.body?.textContent.includes(t), text, { timeout: 60_000 });

describe('dateline serve in a browser', () => {
  it('reloads the open page into what each kind of save made, without the reader doing anything', async () => {
    // Dateline runs from a copy of itself here: the test saves its templates and static files.
    const { root, url, dateline } = await startServe({ ownPackage: true });
    const articles = join(root, 'content/2021/08');
    const page = await browser.newPage();
    const status = async () =>
      (await (await fetch(`${url}__dateline/status`)).json()) as { state: string; builtAt?: number; text?: string };
    /** Opens `path`, makes the save, and waits for the open page to show what `seen` waits for, after a good build. */
    const save = async (path: string, change: () => Promise<void>, seen: () => Promise<unknown>) => {
      await page.goto(url + path);
      await page.waitForFunction(() => document.querySelector('script[src="/__dateline/reload.js"]') !== null);
      // The page's event stream is open before the save.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const before = Date.now();
      await change();
      await seen();
      await poll(async () => {
        const s = await status();
        if (s.state === 'failed') throw new Error(`the build failed: ${s.text}`);
        return s.state === 'ok' && (s.builtAt ?? 0) > before ? true : undefined;
      }, 'a good build');
    };

    // While a save builds, the search page says that its index may not have it yet.
    const andarab = join(articles, 'andarab-resistance.md');
    const behind = page.getByRole('status').filter({ hasText: 'the search index may not have it yet' });
    await save(
      'search/',
      () => appendFile(andarab, '\nA first paragraph saved in the browser test.\n'),
      async () => {
        await behind.waitFor({ timeout: 60_000 });
        await behind.waitFor({ state: 'detached', timeout: 60_000 });
        await page.locator('#search-app:not([hidden])').waitFor();
      },
    );

    // The body, then each field of the front matter.
    await save(
      '2021/08/22/andarab-resistance/',
      () => appendFile(andarab, '\nA paragraph saved in the browser test.\n'),
      () => shows(page, 'A paragraph saved in the browser test.'),
    );
    await save(
      '2021/08/22/',
      () => editFile(andarab, (t) => t.replace(/^title: .*$/m, 'title: Andarab holds out')),
      () => shows(page, 'Andarab holds out'),
    );
    const haiti = join(articles, 'haiti-earthquake.md');
    await save(
      '2021/08/14/haiti-earthquake/',
      () => editFile(haiti, (t) => t.replace(/^tags: \[/m, 'tags: [ferry-service, ')),
      () => shows(page, 'ferry service'),
    );
    const ida = join(articles, 'hurricane-ida-landfall.md');
    await save(
      '2021/08/29/hurricane-ida-landfall/',
      () => editFile(ida, (t) => t.replace(/^location: .*$/m, 'location: Kabul, Kabul, Afghanistan')),
      // The headline's dateline (its related coverage names Kabul already).
      () =>
        page.waitForFunction(() => document.querySelector('main .dateline-place')?.textContent === 'Kabul', undefined, { timeout: 60_000 }),
    );
    const bombing = join(articles, 'kabul-airport-bombing.md');
    await save(
      '',
      () => editFile(bombing, (t) => t.replace('date: 2021-08-26T17:50:00+04:30', 'date: 2021-08-27T17:50:00+04:30')),
      () => shows(page, '27 August 2021'),
    );
    expect((await fetch(`${url}2021/08/27/kabul-airport-bombing/`)).status).toBe(200);
    const taliban = join(articles, 'taliban-enter-kabul.md');
    await save(
      '2021/08/15/taliban-enter-kabul/',
      () => editFile(taliban, (t) => t.replace(/^date: /m, 'status: withdrawn\ndate: ')),
      () => shows(page, 'This article has been withdrawn'),
    );

    // Files added, deleted and renamed.
    const added = (await readFile(haiti, 'utf8')).replace(/^title: .*$/m, 'title: A report added in the browser test');
    await save(
      '',
      () => writeFile(join(articles, 'added.md'), added),
      () => shows(page, 'A report added in the browser test'),
    );
    await save(
      '2021/08/14/added/',
      () => rm(join(articles, 'added.md')),
      () => shows(page, 'Page not found'),
    );
    await save(
      '2021/08/30/last-us-flight-leaves-kabul/',
      () => rename(join(articles, 'last-us-flight-leaves-kabul.md'), join(articles, 'last-flight.md')),
      () => shows(page, 'Page not found'),
    );
    expect((await fetch(`${url}2021/08/30/last-flight/`)).status).toBe(200);

    // The places, a template, a static file and the settings.
    const af = join(root, 'content/places/af.yaml');
    await save(
      'places/af/',
      () => editFile(af, (t) => t.replace('  aliases: [Afghānistān]', '  aliases: [Afghānistān, Afghanestan]')),
      () => shows(page, 'Afghanestan'),
    );
    const base = join(dateline, 'templates/_includes/base.njk');
    await save(
      '',
      () => editFile(base, (t) => t.replace('<p>{{ site.ui.builtWith }}</p>', '<p>{{ site.ui.builtWith }} A template saved.</p>')),
      () => shows(page, 'A template saved.'),
    );
    const style = join(dateline, 'public/style.css');
    const outlined = () =>
      page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', undefined, { timeout: 60_000 });
    await save('', () => appendFile(style, '\nbody { outline: 3px solid rgb(1, 2, 3); }\n'), outlined);
    await save(
      '',
      () => editFile(join(root, 'dateline.yaml'), (t) => t.replace(/^title: Dateline$/m, 'title: Dateline Desk')),
      () => shows(page, 'Dateline Desk'),
    );

    // An editor's save-all: the page ends in the state of the last save.
    const kabul = join(articles, 'kabul-airport-bombing.md');
    await save(
      '2021/08/27/',
      () => saveThreeTitles(kabul, 'Airport attack'),
      () => shows(page, 'Airport attack, version 3'),
    );
    expect(await page.evaluate(() => document.body.textContent)).not.toMatch(/Airport attack, version [12]/);
    await page.close();
  });

  it('reloads the open page after a save and shows a broken save over the page', async () => {
    const { root, url } = await startServe();
    const page = await browser.newPage();
    await page.goto(`${url}2021/08/22/andarab-resistance/`);
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
