import { appendFile, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingPage } from '../../src/archive/archive.ts';
import { type BuiltSite, buildSite, listFiles, makeTemp, type Page, removeTemps, sharedBuiltSite, sharedSite } from '../helpers/site.ts';

// The example archive (its Andarab report without its translations) with two more reports from
// Andarab on 22 August 2021, in listings of at most 2 reports that print their newest 1
// (tests/fixtures/sites/busy-day).
const MAX = 2;
const NEWEST = 1;

let site: BuiltSite;
beforeAll(async () => {
  site = await sharedBuiltSite('sliced');
});
afterAll(removeTemps);

/** The root-relative URL a link on the page at `from` points to (`../2021/index.html` → `/places/af/2021/`). */
const resolve = (href: string, from: string) => new URL(href, `http://site${from}`).pathname.replace(/index\.html$/, '');
const links = (page: Page, selector: string, from: string) => page.all(selector).map((a) => resolve(String(a.properties.href), from));
const listing = (url: string): ListingPage => site.report.archive!.listings.find((l) => l.url === url)!;

describe('listings sliced by time', () => {
  it('print at most max_reports reports on any listing page, and a place or topic page its newest', async () => {
    const { listings } = site.report.archive!;
    expect(listings.filter((l) => l.periods).length).toBeGreaterThan(20);
    for (const l of listings) {
      const page = await site.page(l.url);
      expect(page.all('.teaser').length, l.url).toBeLessThanOrEqual(MAX);
      expect(page.all('.timeline li').length, l.url).toBeLessThanOrEqual(MAX);
      if (l.periods) expect(page.all('.teaser').length, l.url).toBe(NEWEST);
    }
  });

  it('reach every report of a place, a topic and the date archive through the pages of their periods', async () => {
    const { articles, listings } = site.report.archive!;
    const published = articles.filter((a) => a.status === 'published');
    /** The reports on the pages reached from `url` through its periods, counting only pages that list all of theirs. */
    const reached = async (url: string): Promise<string[]> => {
      const page = await site.page(url);
      const periods = links(page, '.periods a', url);
      if (periods.length === 0) return links(page, '.teaser h3 a', url);
      return (await Promise.all(periods.map(reached))).flat();
    };
    const fronts = listings.filter((l) => (l.kind === 'place' || l.kind === 'topic') && !l.period);
    expect(fronts.some((l) => l.periods)).toBe(true);
    for (const front of fronts) {
      const expected = published.filter((a) => [...a.places, ...a.topics].some((p) => p.url === front.url)).map((a) => a.url);
      expect((await reached(front.url)).sort(), front.url).toEqual(expected.sort());
    }
    const years = listings.filter((l) => l.kind === 'year');
    expect((await Promise.all(years.map((y) => reached(y.url)))).flat().sort()).toEqual(published.map((a) => a.url).sort());
  });

  it('link a place to its years, a busy year to its months, a month to its days and a busy day to its parts, newest first', async () => {
    const periodsOf = async (url: string) => {
      const page = await site.page(url);
      return {
        heading: page.text('.periods h2'),
        items: page.all('.periods li').map((li) => textOf(li).replace(/\s+/g, ' ')),
        urls: links(page, '.periods a', url),
      };
    };
    expect(await periodsOf('/places/af/baghlan/')).toEqual({
      heading: 'Reports by year',
      items: ['2021 3 reports'],
      urls: ['/places/af/baghlan/2021/'],
    });
    expect((await periodsOf('/places/af/baghlan/2021/')).urls).toEqual(['/places/af/baghlan/2021/08/']);
    expect((await periodsOf('/places/af/2021/08/')).items).toEqual([
      '30 August 2021 1 report',
      '26 August 2021 1 report',
      '22 August 2021 3 reports',
      '15 August 2021 1 report',
    ]);
    expect(await periodsOf('/places/af/baghlan/2021/08/22/')).toEqual({
      heading: 'Reports in parts',
      items: ['Part 2 1 report', 'Part 1 2 reports'],
      urls: ['/places/af/baghlan/2021/08/22/2/', '/places/af/baghlan/2021/08/22/1/'],
    });
    expect((await periodsOf('/2021/')).heading).toBe('Reports by month');
    const front = await site.page('/places/af/baghlan/');
    expect(front.all('p.count').map((p) => textOf(p))).toEqual([
      '3 reports',
      'The newest is listed here; every report is on the pages by year.',
    ]);
  });

  it('split a busy day into parts of the oldest reports first, each titled, with its breadcrumb and the neighbouring part', async () => {
    const first = await site.page('/places/af/baghlan/2021/08/22/1/');
    expect(first.text('h1')).toBe('Baghlan: 22 August 2021, part 1');
    expect(first.all('.breadcrumb a').map((a) => textOf(a))).toEqual(['Afghanistan', 'Baghlan', '2021', 'August 2021', '22 August 2021']);
    expect(links(first, '.teaser h3 a', '/places/af/baghlan/2021/08/22/1/')).toEqual([
      '/2021/08/22/andarab-test-morning/',
      '/2021/08/22/andarab-resistance/',
    ]);
    expect(links(first, 'a[rel=next]', '/places/af/baghlan/2021/08/22/1/')).toEqual(['/places/af/baghlan/2021/08/22/2/']);
    expect(first.all('a[rel=prev]')).toHaveLength(0);
    const second = await site.page('/places/af/baghlan/2021/08/22/2/');
    expect(links(second, '.teaser h3 a', '/places/af/baghlan/2021/08/22/2/')).toEqual(['/2021/08/22/andarab-test-afternoon/']);
    expect(links(second, 'a[rel=prev]', '/places/af/baghlan/2021/08/22/2/')).toEqual(['/places/af/baghlan/2021/08/22/1/']);
    // The date archive's busy day too, with the month's calendar.
    const day = await site.page('/2021/08/22/1/');
    expect(day.text('h1')).toBe('22 August 2021, part 1');
    expect(day.text('table.calendar caption')).toBe('August 2021');
  });

  it('link the neighbouring period of the same place across months, and carry the place’s feeds', async () => {
    const day = await site.page('/places/af/2021/08/22/');
    expect(day.text('h1')).toBe('Afghanistan: 22 August 2021');
    expect(links(day, 'a[rel=prev]', '/places/af/2021/08/22/')).toEqual(['/places/af/2021/08/15/']);
    expect(links(day, 'a[rel=next]', '/places/af/2021/08/22/')).toEqual(['/places/af/2021/08/26/']);
    expect(day.all('link[rel=alternate]').map((l) => resolve(String(l.properties.href), '/places/af/2021/08/22/'))).toEqual([
      '/places/af/feed.xml',
      '/places/af/rss.xml',
      '/places/af/feed.json',
    ]);
    // A slice's timeline holds the events of the reports it lists.
    expect(listing('/places/af/2021/08/22/1/').timeline!.map((t) => t.article.url)).toEqual(['/2021/08/22/andarab-resistance/']);
    expect(listing('/places/af/2021/08/22/2/').timeline).toBeUndefined();
  });

  it('are all in the sitemap', async () => {
    const sitemap = await readFile(join(site.out, 'sitemap.xml'), 'utf8');
    const slices = site.report.archive!.listings.filter((l) => l.period);
    expect(slices.length).toBeGreaterThan(40);
    for (const l of slices) expect(sitemap, l.url).toContain(`<loc>${l.canonical}</loc>`);
  });
});

describe('pages that stay put', () => {
  it('adding a report changes only the pages it is listed or counted on; older slices keep their bytes', async () => {
    const { root, out } = await sharedSite('sliced');
    const project = await makeTemp();
    await cp(root, project, { recursive: true, filter: (src) => !src.startsWith(out) });
    // The newest report of a busy day in Baghlan: it joins the day's last part.
    const evening = [
      '---',
      'title: "Test report: an evening from the Andarab valley"',
      'date: 2021-08-22T21:00:00+04:30',
      'timezone: Asia/Kabul',
      'location: Banu, Baghlan, Afghanistan',
      'tags: [andarab]',
      '---',
      'A third report written for the tests, filed the same evening.',
      '',
    ].join('\n');
    await writeFile(join(project, 'content/2021/08/andarab-test-evening.md'), evening);
    const after = await buildSite(project);
    expect(after.report.ok).toBe(true);

    const pages = (files: string[]) => files.filter((f) => f.endsWith('.html'));
    const [before, now] = [pages(await listFiles(out)), pages(await listFiles(after.out))];
    const changed: string[] = [];
    for (const file of now) {
      const old = before.includes(file) ? await readFile(join(out, file)) : undefined;
      if (!old?.equals(await readFile(join(after.out, file)))) changed.push(`/${file.replace(/index\.html$/, '')}`);
    }
    expect(before.filter((f) => !now.includes(f))).toEqual([]);
    expect(changed.sort()).toEqual(
      [
        // The home page, its own page, the reports that list it as related coverage, and the
        // archive index.
        '/',
        '/2021/08/22/andarab-test-evening/',
        '/2021/08/22/andarab-resistance/',
        '/2021/08/22/andarab-test-afternoon/',
        '/2021/08/22/andarab-test-morning/',
        '/archive/',
        // Its year, month and day, and of the day's parts the last. (The other days' pages of
        // August stay put: their calendar links the days without counting them.)
        '/2021/',
        '/2021/08/',
        '/2021/08/22/',
        '/2021/08/22/2/',
        // Its places, the places containing them and its topic: each one's own page and the
        // pages of its periods; the places and topics indexes count it.
        '/places/',
        '/places/af/',
        '/places/af/2021/',
        '/places/af/2021/08/',
        '/places/af/2021/08/22/',
        '/places/af/2021/08/22/2/',
        '/places/af/baghlan/',
        '/places/af/baghlan/2021/',
        '/places/af/baghlan/2021/08/',
        '/places/af/baghlan/2021/08/22/',
        '/places/af/baghlan/2021/08/22/2/',
        '/places/af/baghlan/andarab/',
        '/places/af/baghlan/andarab/2021/',
        '/places/af/baghlan/andarab/2021/08/',
        '/places/af/baghlan/andarab/2021/08/22/',
        '/places/af/baghlan/andarab/2021/08/22/2/',
        '/topics/',
        '/topics/andarab/',
        '/topics/andarab/2021/',
        '/topics/andarab/2021/08/',
        '/topics/andarab/2021/08/22/',
        '/topics/andarab/2021/08/22/2/',
        // Banu's 2021 (2 reports before, now 3) is now too large for one page: it links its
        // month, the month its day, the day its parts: pages that did not exist.
        '/places/af/baghlan/banu/',
        '/places/af/baghlan/banu/2021/',
        '/places/af/baghlan/banu/2021/08/',
        '/places/af/baghlan/banu/2021/08/22/',
        '/places/af/baghlan/banu/2021/08/22/1/',
        '/places/af/baghlan/banu/2021/08/22/2/',
      ].sort(),
    );
    const added = now.filter((f) => !before.includes(f)).map((f) => `/${f.replace(/index\.html$/, '')}`);
    expect(added.sort()).toEqual(
      ['/2021/08/22/andarab-test-evening/', ...['', '22/', '22/1/', '22/2/'].map((d) => `/places/af/baghlan/banu/2021/08/${d}`)].sort(),
    );
    // The older parts of the same day, and every page of other periods, keep their bytes.
    for (const kept of [
      '2021/08/22/1/',
      '2021/08/15/',
      'places/af/baghlan/2021/08/22/1/',
      'topics/andarab/2021/08/22/1/',
      'places/af/2021/08/15/',
      '2021/09/',
    ]) {
      expect(changed).not.toContain(`/${kept}`);
      expect(now).toContain(`${kept}index.html`);
    }
  });
});

describe('a listing at the address of another', () => {
  it('is an error on the article naming the place, not one page silently written over the other', async () => {
    const { root, out } = await sharedSite('sliced');
    const project = await makeTemp();
    await cp(root, project, { recursive: true, filter: (src) => !src.startsWith(out) });
    // A place called 2021 under Baghlan would be at /places/af/baghlan/2021/, Baghlan's page of 2021.
    await appendFile(join(project, 'content/places/af.yaml'), '\naf/baghlan/2021:\n  type: village\n  names: { en: "2021" }\n');
    const file = 'content/2021/08/year-named-place.md';
    await writeFile(
      join(project, file),
      '---\ntitle: A place named like a year\ndate: 2021-08-20\nlocation: af/baghlan/2021\n---\nBody.\n',
    );
    const built = await buildSite(project);
    expect(built.report.ok).toBe(false);
    const errors = built.report.messages.filter((m) => m.severity === 'error');
    expect(errors.map((m) => `${m.file} ${m.ruleId}`)).toEqual([`${file} duplicate-url`]);
    expect(errors[0]!.reason).toContain('/places/af/baghlan/2021/');
    // Found once the search index had started (a clean build makes the listings then): nothing
    // is written, and no folder is left beside the site's.
    expect(await readdir(dirname(built.out))).toEqual([]);
  });
});
