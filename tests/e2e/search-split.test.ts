/// <reference lib="dom" />
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../src/archive/archive.ts';
import { axeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/serve.ts';
import { type BuiltSite, removeTemps, sharedBuiltSite } from '../helpers/site.ts';

/**
 * A split search index (search.split_above) in Debian's Chromium: 40 generated articles over many
 * years, built once as one index and once split into bundles of at most 10 articles, which the
 * search page merges (Pagefind's mergeIndex). The split site must answer as the single index does.
 */

const POLL = { timeout: 20_000 };
/** A word in about half of the generated articles, across the years. */
const WORD = 'school';

type Served = { site: BuiltSite; server: Awaited<ReturnType<typeof serveFolder>> };
let split: Served;
let single: Served;
/** The split site again, with the place, topic and language choices closed (search.facets_collapsed_above: 0). */
let closed: Served;
let browser: Browser;

beforeAll(async () => {
  const [splitSite, singleSite, closedSite] = await Promise.all([
    sharedBuiltSite('split40'),
    sharedBuiltSite('corpus40'),
    sharedBuiltSite('closed40'),
  ]);
  expect(splitSite.report.ok && singleSite.report.ok).toBe(true);
  expect(splitSite.report.archive!.searchBundles.map((b) => b.folder).length).toBeGreaterThan(2);
  expect(singleSite.report.archive!.searchBundles.map((b) => b.folder)).toEqual(['pagefind']);
  expect(closedSite.report.archive!.sites[0]!.search.collapsedFacets).toEqual(['place', 'topic', 'language']);
  const [splitServer, singleServer, closedServer] = await Promise.all([
    serveFolder(splitSite.out),
    serveFolder(singleSite.out),
    serveFolder(closedSite.out),
  ]);
  split = { site: splitSite, server: splitServer };
  single = { site: singleSite, server: singleServer };
  closed = { site: closedSite, server: closedServer };
  browser = await launchChromium();
});
afterAll(async () => {
  await Promise.all([browser?.close(), split?.server.close(), single?.server.close(), closed?.server.close()]);
  await removeTemps();
});

const statusText = async (page: Page) => ((await page.locator('#search-status').textContent()) ?? '').trim();
const titles = (page: Page) => page.locator('.search-result h3').allTextContents();
const yearBox = (page: Page, year: string) =>
  page.locator('fieldset[data-key="year"] li').filter({ has: page.locator('.search-facet-name', { hasText: new RegExp(`^${year}$`) }) });

/** Opens the search page of a site at a query string and waits for the results. */
async function openSearch(on: Served, query: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${on.server.url}/search/${query}`);
  await expect.poll(() => statusText(page), POLL).not.toBe('');
  await expect.poll(() => page.locator('#search-results').getAttribute('aria-busy'), POLL).toBeNull();
  return page;
}

/** Every result's title, pressing "show more" until all are shown. */
async function allTitles(page: Page): Promise<string[]> {
  const more = page.locator('#search-more');
  while (await more.isVisible()) {
    const before = (await titles(page)).length;
    await more.click();
    await expect.poll(() => titles(page).then((t) => t.length), POLL).toBeGreaterThan(before);
  }
  return titles(page);
}

/** What a site's model says of a listed result: its article and the bundle that holds it. */
function lookup(on: Served) {
  const archive = on.site.report.archive!;
  const byTitle = new Map(archive.articles.map((a) => [a.title, a]));
  const bundleOf = new Map(archive.searchBundles.flatMap((b) => b.articleUrls.map((url) => [url, b.folder] as const)));
  return (title: string): { article: ArticlePage; bundle: string } => {
    const article = byTitle.get(title);
    if (!article) throw new Error(`No article titled ${title}`);
    return { article, bundle: bundleOf.get(article.url)! };
  };
}

const byInstant = (a: ArticlePage, b: ArticlePage) => Date.parse(a.date.utc) - Date.parse(b.date.utc);

describe('searching an index split into bundles', () => {
  it('finds the same reports as one index, from several bundles', async () => {
    const [onSplit, onSingle] = [await openSearch(split, `?q=${WORD}`), await openSearch(single, `?q=${WORD}`)];
    const found = await allTitles(onSplit);
    expect(await statusText(onSplit)).toBe(await statusText(onSingle));
    expect([...found].sort()).toEqual([...(await allTitles(onSingle))].sort());
    const bundles = new Set(found.map((t) => lookup(split)(t).bundle));
    expect(bundles.size).toBeGreaterThan(1);
    const years = new Set(found.map((t) => lookup(split)(t).article.date.datetime.slice(0, 4)));
    expect(years.size).toBeGreaterThan(1);
    await Promise.all([onSplit.close(), onSingle.close()]);
  });

  it('sorts newest and oldest first across bundles, as one index does', async () => {
    const page = await openSearch(split, `?q=${WORD}&sort=newest`);
    const newest = await allTitles(page);
    const model = newest.map((t) => lookup(split)(t).article);
    expect(newest).toEqual(
      [...model]
        .sort(byInstant)
        .reverse()
        .map((a) => a.title),
    );
    expect(new Set(newest.map((t) => lookup(split)(t).bundle)).size).toBeGreaterThan(1);
    const onSingle = await openSearch(single, `?q=${WORD}&sort=newest`);
    expect(newest).toEqual(await allTitles(onSingle));

    await page.locator('#search-sort').selectOption('oldest');
    await expect.poll(() => titles(page).then((t) => t[0]), POLL).toBe(newest.at(-1));
    expect(await allTitles(page)).toEqual([...newest].reverse());
    await Promise.all([page.close(), onSingle.close()]);
  });

  it('lists every report newest first with no words, across all bundles', async () => {
    const published = split.site.report.archive!.articles.filter((a) => a.status === 'published');
    const page = await openSearch(split, '?sort=newest&lang=en');
    const english = published
      .filter((a) => a.lang === 'en')
      .sort(byInstant)
      .reverse();
    expect(await allTitles(page)).toEqual(english.map((a) => a.title));
    await page.close();
  });

  it('counts and narrows by year across bundles', async () => {
    const published = split.site.report.archive!.articles.filter((a) => a.status === 'published');
    const perYear = new Map<string, ArticlePage[]>();
    for (const a of published) perYear.set(a.date.datetime.slice(0, 4), [...(perYear.get(a.date.datetime.slice(0, 4)) ?? []), a]);
    const page = await browser.newPage();
    await page.goto(`${split.server.url}/search/`);
    await page.locator('#search-prompt').waitFor({ state: 'visible' });
    const toggle = page.locator('fieldset[data-key="year"] .search-facet-toggle');
    if (await toggle.isVisible()) await toggle.click();
    for (const [year, articles] of perYear)
      expect(Number(await yearBox(page, year).locator('.search-facet-count').textContent()), year).toBe(articles.length);

    // A year from a merged bundle, not the main one.
    const bundleOf = lookup(split);
    const [year, articles] = [...perYear].find(
      ([, list]) => list.length > 1 && list.every((a) => bundleOf(a.title).bundle !== 'pagefind'),
    )!;
    await yearBox(page, year).locator('input').check();
    await expect.poll(() => statusText(page), POLL).toBe(`${articles.length} reports in ${year}`);
    expect(await titles(page)).toEqual(
      [...articles]
        .sort(byInstant)
        .reverse()
        .map((a) => a.title),
    );
    expect(new URL(page.url()).searchParams.getAll('year')).toEqual([year]);
    await page.close();
  });

  it('loads the merged bundles for the first query, and still only a few hundred kilobytes', async () => {
    const measure = async (on: Served) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies: Promise<{ path: string; body: Buffer }>[] = [];
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (/^\/pagefind[^/]*\//.test(path)) bodies.push(response.body().then((body) => ({ path, body })));
      });
      await page.goto(`${on.server.url}/search/?q=${WORD}`);
      await expect.poll(() => statusText(page), POLL).toMatch(/reports for/);
      await page.waitForLoadState('networkidle');
      const responses = await Promise.all(bodies);
      await context.close();
      return {
        bundles: new Set(responses.map((r) => r.path.split('/')[1])),
        bytes: responses.reduce((n, r) => n + r.body.length, 0),
        gzipped: responses.reduce((n, r) => n + gzipSync(r.body).length, 0),
      };
    };
    const [one, many] = [await measure(single), await measure(split)];
    console.log(
      `First query ("${WORD}", 40 articles): one index ${one.bytes} bytes (${one.gzipped} gzipped); ${many.bundles.size} bundles ${many.bytes} bytes (${many.gzipped} gzipped)`,
    );
    expect([...many.bundles].sort()).toEqual([...split.site.report.archive!.searchBundles.map((b) => b.folder)].sort());
    expect(many.bytes).toBeLessThan(300_000);
  });
});

describe('closed choices on a large archive (search.facets_collapsed_above)', () => {
  /** Each shown choice of a group: its name and count. */
  const choices = async (page: Page, key: string) => {
    const group = page.locator(`fieldset[data-key="${key}"]`);
    const more = group.locator('.search-facet-toggle');
    if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
    const rows = await group
      .locator('li:not([hidden])')
      .evaluateAll((lis) =>
        lis.map((li) => `${li.querySelector('.search-facet-name')?.textContent} ${li.querySelector('.search-facet-count')?.textContent}`),
      );
    return rows.sort();
  };

  /** The paths of a bundle's filter files by filter name, read from its index metadata (gzip CBOR: each name, then its file's hash). */
  const filterFiles = async (folder: string): Promise<Record<string, string>> => {
    const dir = join(closed.site.out, folder);
    const meta = (await readdir(dir)).find((f) => f.endsWith('.pf_meta'))!;
    const text = gunzipSync(await readFile(join(dir, meta))).toString('latin1');
    const names = ['month', 'place', 'topic', 'language'];
    return Object.fromEntries(
      names.map((name) => [name, `/${folder}/filter/${new RegExp(`${name}[\\x60-\\x77](en_[0-9a-f]+)`).exec(text)![1]}.pf_filter`]),
    );
  };

  it('loads only the month filter for a first query, and a closed filter when its choices are opened', async () => {
    // A context of its own: axe-core needs one.
    const context = await browser.newContext();
    const page = await context.newPage();
    const filters: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/filter\//.test(path)) filters.push(path);
    });
    await page.goto(`${closed.server.url}/search/?q=${WORD}`);
    await expect.poll(() => statusText(page), POLL).toMatch(/reports for/);
    await page.waitForLoadState('networkidle');
    const bundles = closed.site.report.archive!.searchBundles.map((b) => b.folder);
    const files = await Promise.all(bundles.map(filterFiles));
    // One filter (months, for the years) from each bundle.
    expect([...filters].sort()).toEqual(files.map((f) => f.month).sort());
    const years = await choices(page, 'year');
    expect(years.length).toBeGreaterThan(1);
    const onSingle = await openSearch(single, `?q=${WORD}`);
    expect(years).toEqual(await choices(onSingle, 'year'));

    const opener = page.locator('fieldset[data-key="place"] .search-facet-open');
    const list = page.locator('fieldset[data-key="place"] ul');
    expect(await opener.getAttribute('aria-expanded')).toBe('false');
    expect(await opener.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    expect(await opener.textContent()).toBe('Show choices');
    expect(await list.isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    // Results shown with "show more" stay on screen when a group opens.
    await page.locator('#search-more').click();
    await expect.poll(() => titles(page).then((t) => t.length), POLL).toBe(20);
    const status = await statusText(page);
    await opener.focus();
    await page.keyboard.press('Enter');
    expect(await opener.getAttribute('aria-expanded')).toBe('true');
    // Focus stays on the button (a disclosure), whose state says the group is open.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('search-facet-open');
    await expect.poll(() => choices(page, 'place').then((c) => c.length), POLL).toBeGreaterThan(0);
    expect([...filters].sort()).toEqual(files.flatMap((f) => [f.month, f.place]).sort());
    // The same counts as the single index with every choice open.
    expect(await choices(page, 'place')).toEqual(await choices(onSingle, 'place'));
    expect((await titles(page)).length).toBe(20);
    expect(await statusText(page)).toBe(status);
    expect(await axeViolations(page)).toEqual([]);
    // Topic and language stay closed and unloaded.
    expect(await page.locator('fieldset[data-key="topic"] ul').isVisible()).toBe(false);
    expect(await page.locator('fieldset[data-key="lang"] .search-facet-open').getAttribute('aria-expanded')).toBe('false');
    await Promise.all([context.close(), onSingle.close()]);
  });

  it('narrows by a closed group and opens it again from a shared URL', async () => {
    const page = await openSearch(closed, `?q=${WORD}`);
    await page.locator('fieldset[data-key="topic"] .search-facet-open').click();
    await expect.poll(() => page.locator('fieldset[data-key="topic"] li:not([hidden])').count(), POLL).toBeGreaterThan(0);
    const first = page.locator('fieldset[data-key="topic"] li:not([hidden])').first();
    const [topic, count] = [
      (await first.locator('.search-facet-name').textContent())!,
      Number(await first.locator('.search-facet-count').textContent()),
    ];
    await first.locator('input').check();
    await expect.poll(() => statusText(page), POLL).toBe(`${count === 1 ? '1 report' : `${count} reports`} for “${WORD}” in ${topic}`);
    expect(new URL(page.url()).searchParams.getAll('topic')).toEqual([topic]);

    const shared = await openSearch(closed, new URL(page.url()).search);
    expect(await statusText(shared)).toBe(await statusText(page));
    expect(await shared.locator('fieldset[data-key="topic"] .search-facet-open').getAttribute('aria-expanded')).toBe('true');
    expect(
      await shared
        .locator('fieldset[data-key="topic"] input:checked')
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value)),
    ).toEqual([topic]);
    expect(await shared.locator('fieldset[data-key="place"] .search-facet-open').getAttribute('aria-expanded')).toBe('false');

    // Closed again, the group still shows its ticked value, and only that.
    await shared.locator('fieldset[data-key="topic"] .search-facet-open').click();
    expect(
      await shared
        .locator('fieldset[data-key="topic"] li:not([hidden])')
        .evaluateAll((lis) => lis.map((li) => li.querySelector('input')!.value)),
    ).toEqual([topic]);
    await Promise.all([page.close(), shared.close()]);
  });

  it('lists nothing for a year the index does not have, or for a month given as a year', async () => {
    // A month that has reports: as a year, it must match none of them.
    const month = closed.site.report.archive!.articles.find((a) => a.status === 'published')!.date.datetime.slice(0, 7);
    for (const year of ['1899', month]) {
      const page = await openSearch(closed, `?year=${year}`);
      expect(await statusText(page), year).toBe('No reports match these filters.');
      await page.close();
    }
  });
});
