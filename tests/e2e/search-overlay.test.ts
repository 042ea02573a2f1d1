/// <reference lib="dom" />
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import type { ArticlePage } from '../../src/archive/archive.ts';
import { siteConfigSchema } from '../../src/config/site-config.ts';
import { type BuildReport, runBuild } from '../../src/pipeline/run-build.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/serve.ts';
import { makeTemp, removeTemps } from '../helpers/site.ts';

/**
 * The search overlay (src/outputs/search/search-layout.ts) in Debian's Chromium: 40 generated
 * articles split into bundles of 10, built, then changed as a writer would (a body edited in the
 * oldest bundle, a title changed, an article deleted, one added with the oldest date, one moved to
 * another year, a tag changed) and built again with the cache: the bundles stay as they were and
 * the changes go to the overlay. A clean build of the same project must answer every search the
 * same: the same reports, in the same order when sorted by date, with the same counts.
 */

const POLL = { timeout: 20_000 };
/** A word in about half of the generated articles, across the years. */
const WORD = 'school';
/** A word only the edited body has. */
const NEW_WORD = 'zanzibarite';
const SEARCH = siteConfigSchema.shape.search.parse({ split_above: 10 });
/** A Dari word written with Arabic yeh (ي), as pasted text often is; the index folds it to Persian yeh (ی). */
const ARABIC_SPELLING = 'پنجشيري';

type Served = Awaited<ReturnType<typeof serveFolder>>;
let incremental: Served;
let clean: Served;
let incrementalReport: BuildReport;
let incrementalDir: string;
let root: string;
let browser: Browser;

const build = (root: string, output: string, cacheDir?: string, search = SEARCH) =>
  runBuild({ root, cacheDir, overrides: { output, search } });

async function edit(path: string, f: (text: string) => string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const next = f(text);
  if (next === text) throw new Error(`The change to ${path} changed nothing.`);
  await writeFile(path, next);
}

beforeAll(async () => {
  root = await makeTemp();
  await generateCorpus({ dir: root, articles: 40, seed: 7 });
  const cacheDir = join(root, '.dateline-cache');
  const model = await build(root, join(root, '_site'), cacheDir);
  const file = (a: ArticlePage) => (isAbsolute(a.file) ? a.file : join(root, a.file));
  const oldest = [...model.archive!.searchBundles].reverse();
  const [a, b, c, d, f, g] = oldest[0]!.articleUrls.map((url) => model.archive!.articles.find((x) => x.url === url)!);
  // A sentence in Arabic letters, which the next edit writes in Persian ones: search folds the two
  // alike. Built into the bundles (overlay_max 0), as if long ago.
  await edit(file(g!), (t) => `${t}\n${ARABIC_SPELLING}\n`);
  const first = await build(root, join(root, '_site'), cacheDir, { ...SEARCH, overlay_max: 0 });
  expect(first.ok).toBe(true);
  const archive = first.archive!;
  const e = archive.articles.find((x) => x.url === oldest[1]!.articleUrls[0])!;
  await edit(file(a!), (t) => `${t}\nA ${NEW_WORD} sentence, added to a ${WORD} report.\n`);
  await edit(file(b!), (t) => t.replace(/^title: .*$/m, `title: A ${WORD} reopens after a long winter`));
  await rm(file(c!));
  await edit(file(d!), (t) => t.replace(/^date: \d{4}/m, 'date: 2024'));
  await edit(file(e), (t) => t.replace(/^tags: \[/m, 'tags: [overlay-test, '));
  // Markup only: the page changes, the text Pagefind stores does not.
  await edit(file(f!), (t) => t.replace(/^(---\n[\s\S]*?\n---\n)(\S+)/, '$1*$2*'));
  await edit(file(g!), (t) => t.replace(ARABIC_SPELLING, ARABIC_SPELLING.replaceAll('ي', 'ی')));
  await writeFile(
    join(root, 'content/added-oldest.md'),
    `---\ntitle: The oldest ${WORD} report\ndate: 1990-01-02T09:00:00Z\nlocation: Kabul, Afghanistan\ntags: [schools]\n---\nA ${WORD} opened in Kabul.\n`,
  );
  incrementalReport = await build(root, join(root, '_site'), cacheDir);
  expect(incrementalReport.ok).toBe(true);
  const cleanOut = join(await makeTemp(), 'site');
  expect((await build(root, cleanOut)).ok).toBe(true);
  incrementalDir = join(root, '_site');
  [incremental, clean] = await Promise.all([serveFolder(incrementalDir), serveFolder(cleanOut)]);
  browser = await launchChromium();
});
afterAll(async () => {
  await Promise.all([browser?.close(), incremental?.close(), clean?.close()]);
  await removeTemps();
});

const statusText = async (page: Page) => ((await page.locator('#search-status').textContent()) ?? '').trim();
const titles = (page: Page) => page.locator('.search-result h3').allTextContents();

/** Opens the search page of a site at a query string and waits for the results. */
async function openSearch(on: Served, query: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${on.url}/search/${query}`);
  await expect.poll(() => statusText(page), POLL).not.toBe('');
  await expect.poll(() => page.locator('#search-results').getAttribute('aria-busy'), POLL).toBeNull();
  return page;
}

/** What a reader sees of a search: the count, every result (pressing "show more"), and every choice's count. */
async function seen(on: Served, query: string): Promise<{ status: string; titles: string[]; choices: string[] }> {
  const page = await openSearch(on, query);
  const more = page.locator('#search-more');
  while (await more.isVisible()) {
    const before = (await titles(page)).length;
    await more.click();
    await expect.poll(() => titles(page).then((t) => t.length), POLL).toBeGreaterThan(before);
  }
  const choices = await page
    .locator('.search-facet li')
    .evaluateAll((items) =>
      items.map(
        (li) => `${li.querySelector('.search-facet-name')?.textContent} ${li.querySelector('.search-facet-count')?.getAttribute('data-n')}`,
      ),
    );
  const result = { status: await statusText(page), titles: await titles(page), choices };
  await page.close();
  return result;
}

describe('a search index with an overlay', () => {
  it('kept the bundles and put the changes in the overlay', async () => {
    const data = JSON.parse(await readFile(join(incrementalDir, 'search/index.json'), 'utf8'));
    expect(data.overlay).toBe('pagefind-overlay');
    // The edited, retitled, deleted, moved and retagged articles' old records; not the article
    // whose markup changed, nor the one whose letters the index folds alike.
    expect(Object.keys(data.superseded)).toHaveLength(5);
    expect(incrementalReport.reused).toBeGreaterThan(0);
  });

  it('still finds an article whose edit the index folds away', async () => {
    const [got, want] = [
      await seen(incremental, `?q=${ARABIC_SPELLING.replaceAll('ي', 'ی')}`),
      await seen(clean, `?q=${ARABIC_SPELLING.replaceAll('ي', 'ی')}`),
    ];
    expect(got).toEqual(want);
    expect(want.titles).toHaveLength(1);
  });

  it.each([
    ['words, newest first', `?q=${WORD}&sort=newest`],
    ['words, oldest first', `?q=${WORD}&sort=oldest`],
    ['no words, newest first', '?sort=newest&lang=en'],
    ['no words, oldest first, in a year', '?sort=oldest&year=2024'],
    ['a word only the edit added', `?q=${NEW_WORD}&sort=newest`],
    ['a tag only the change added', '?topic=overlay%20test'],
    ['a word of the deleted and retitled articles', '?q=winter&sort=newest'],
  ])('shows what a clean build shows: %s', async (_name, query) => {
    const [got, want] = [await seen(incremental, query), await seen(clean, query)];
    expect(got).toEqual(want);
    expect(want.titles.length).toBeGreaterThan(0);
  });

  it('finds the same reports, counted the same, by relevance', async () => {
    const [got, want] = [await seen(incremental, `?q=${WORD}`), await seen(clean, `?q=${WORD}`)];
    expect(got.status).toBe(want.status);
    expect(got.choices).toEqual(want.choices);
    expect([...got.titles].sort()).toEqual([...want.titles].sort());
  });

  // Last: it replaces the site the tests above read.
  it('publishes no index once search is turned off', async () => {
    const off = await runBuild({
      root,
      cacheDir: join(root, '.dateline-cache'),
      overrides: { output: incrementalDir, search: { ...SEARCH, enabled: false } },
    });
    expect(off.ok).toBe(true);
    expect((await readdir(incrementalDir)).filter((n) => n.startsWith('pagefind') || n === 'search')).toEqual([]);
  });
});
