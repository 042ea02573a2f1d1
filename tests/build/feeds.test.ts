import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive, ArticlePage, FeedSpec } from '../../src/archive/archive.ts';
import { type BuiltSite, buildSite, exampleSite, fixture, removeTemps } from '../helpers/site.ts';
import {
  geoProblems,
  jsonFeedProblems,
  parseWithFeedparser,
  parseWithRssParser,
  RFC822,
  RFC3339,
  xmllintAll,
} from '../unit/outputs/feeds/judges.ts';

let site: BuiltSite;
let hostile: BuiltSite;
let archive: Archive;
let byUrl: Map<string, ArticlePage>;

beforeAll(async () => {
  site = await exampleSite();
  hostile = await buildSite(fixture('hostile'));
  expect(site.report.ok).toBe(true);
  archive = site.report.archive!;
  byUrl = new Map(archive.articles.map((a) => [a.url, a]));
});
afterAll(removeTemps);

const FEED_FILE = /(?:^|\/)(?:feed\.xml|rss\.xml|feed\.json)$/;
const read = (s: BuiltSite, url: string) => readFile(join(s.out, url.slice(1)), 'utf8');
const abs = (url: string) => new URL(url.slice(1), archive.sites[0]!.url).href;
const articlesOf = (spec: FeedSpec) => spec.articles.map((u) => byUrl.get(u)!);
const spec = (pageUrl: string) => archive.feeds.find((f) => f.pageUrl === pageUrl)!;
/** The offset a date-time text carries (`+04:30`, `Z`). */
const offsetOf = (text: string) => /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1];
/** An article's published instant and, when it has a time, its own offset. */
function expectDate(text: string, time: ArticlePage['date']) {
  expect(text).toMatch(RFC3339);
  expect(Date.parse(text)).toBe(Date.parse(time.utc));
  if (time.hasTime) expect(offsetOf(text)).toBe(offsetOf(time.datetime));
}

/** Feed content is the article's full HTML: the same text, links absolute, right-to-left marked. */
function expectFullContent(content: string, article: ArticlePage) {
  const tree = fromHtml(content, { fragment: true });
  expect(textOf(tree)).toBe(textOf(fromHtml(site.report.bodies!.get(article.bodyKey).html, { fragment: true })));
  for (const el of selectAll('[href], [src]', tree))
    expect(URL.canParse(String(el.properties.href ?? el.properties.src)), content).toBe(true);
  // Right-to-left articles are wrapped so readers show them the right way round; others are not.
  expect(select('div[dir=rtl]', tree) !== undefined, article.title).toBe(article.dir === 'rtl');
}

describe('feeds of the example archive', () => {
  it('are written in three formats for every feed spec, and there are no others', async () => {
    expect(archive.feeds.length).toBeGreaterThan(10);
    const expected = archive.feeds.flatMap((f) => [f.urls.atom, f.urls.rss, f.urls.json].map((u) => u.slice(1))).sort();
    expect((await site.files()).filter((f) => FEED_FILE.test(f))).toEqual(expected);
    expect(archive.feeds.map((f) => f.urls.atom)).toContain('/places/af/baghlan/feed.xml');
  });

  it('are all well-formed XML for xmllint (Atom and RSS)', async () => {
    const urls = archive.feeds.flatMap((f) => [f.urls.atom, f.urls.rss]);
    const results = await xmllintAll(Object.fromEntries(await Promise.all(urls.map(async (url) => [url, await read(site, url)] as const))));
    expect(Object.keys(results)).toHaveLength(urls.length);
    const failures = Object.entries(results).filter(([, r]) => !r.ok);
    expect(failures).toEqual([]);
  });

  it('read in feedparser and rss-parser: the spec’s articles, in order, with ids, links and dates', async () => {
    for (const f of archive.feeds) {
      const articles = articlesOf(f);
      const canonicals = articles.map((a) => a.canonical);
      const atom = await read(site, f.urls.atom);
      const rss = await read(site, f.urls.rss);

      const fpAtom = await parseWithFeedparser(atom);
      expect(fpAtom.meta['#type'], f.urls.atom).toBe('atom');
      expect(fpAtom.meta.title).toBe(f.title);
      expect(
        fpAtom.items.map((i) => i.guid),
        f.urls.atom,
      ).toEqual(canonicals);
      expect(fpAtom.items.map((i) => i.link)).toEqual(canonicals);
      fpAtom.items.forEach((item: any, i) => {
        expectDate(item['atom:published']['#'], articles[i]!.date);
        expectDate(item['atom:updated']['#'], articles[i]!.updated ?? articles[i]!.date);
        expect(item.categories).toEqual(articles[i]!.topics.map((t) => t.name));
      });

      const rpAtom = await parseWithRssParser(atom);
      expect(rpAtom.items.map((i) => i.id)).toEqual(canonicals);
      expect(rpAtom.items.map((i) => i.title)).toEqual(articles.map((a) => a.title));

      const fpRss = await parseWithFeedparser(rss);
      expect(fpRss.meta['#type'], f.urls.rss).toBe('rss');
      expect(fpRss.items.map((i) => i.guid)).toEqual(canonicals);
      fpRss.items.forEach((item: any, i) => {
        const pubDate: string = item['rss:pubdate']['#'];
        expect(pubDate).toMatch(RFC822);
        expect(item.pubdate.getTime()).toBe(Date.parse(articles[i]!.date.utc));
        expect(item['dc:language']['#']).toBe(articles[i]!.lang);
      });

      const rpRss = await parseWithRssParser(rss);
      expect(rpRss.items.map((i) => [i.guid, i.link])).toEqual(canonicals.map((c) => [c, c]));
      expect(rpRss.items.map((i) => i.isoDate && Date.parse(i.isoDate))).toEqual(articles.map((a) => Date.parse(a.date.utc)));
      rpRss.items.forEach((item, i) => {
        expectFullContent(item['content:encoded']!, articles[i]!);
      });
      rpAtom.items.forEach((item, i) => {
        expectFullContent(item.content!, articles[i]!);
      });
    }
  });

  it('keep each article’s own offset: RSS pubDate carries the zone of a time given with one', async () => {
    const rss = await read(site, spec('/').urls.rss);
    const rp = await parseWithRssParser(rss);
    const kabul = rp.items.find((i) => i.link?.includes('/last-us-flight-leaves-kabul/'))!;
    expect(kabul.pubDate).toBe('Mon, 30 Aug 2021 23:59:00 +0430');
    const ida = rp.items.find((i) => i.link?.includes('/hurricane-ida-landfall/'))!;
    expect(ida.pubDate).toBe('Sun, 29 Aug 2021 11:55:00 -0500');
  });

  it('are dated by their newest article, not by the build', async () => {
    for (const f of archive.feeds) {
      const newest = Math.max(...articlesOf(f).map((a) => Date.parse((a.updated ?? a.date).utc)));
      const atom = await parseWithFeedparser(await read(site, f.urls.atom));
      expect(atom.meta.date?.getTime(), f.urls.atom).toBe(newest);
      const rss = await parseWithFeedparser(await read(site, f.urls.rss));
      expect(rss.meta.date?.getTime(), f.urls.rss).toBe(newest);
    }
    const json = JSON.parse(await read(site, spec('/').urls.json));
    expect(json.items[0].date_published).toBe('2021-09-19T15:10:00+01:00');
  });

  it('link to themselves with absolute URLs and to their page, which exists', async () => {
    for (const f of archive.feeds) {
      const atom = await parseWithFeedparser(await read(site, f.urls.atom));
      expect(atom.meta.xmlurl).toBe(abs(f.urls.atom));
      expect(atom.meta.link).toBe(abs(f.pageUrl));
      const rss = await parseWithFeedparser(await read(site, f.urls.rss));
      expect(rss.meta.xmlurl).toBe(abs(f.urls.rss));
      expect(rss.meta.link).toBe(abs(f.pageUrl));
      const json = JSON.parse(await read(site, f.urls.json));
      expect([json.feed_url, json.home_page_url]).toEqual([abs(f.urls.json), abs(f.pageUrl)]);
      expect(existsSync(join(site.out, f.pageUrl.slice(1), 'index.html')), f.pageUrl).toBe(true);
    }
  });

  it('name the publisher as author', async () => {
    const atom = await parseWithFeedparser(await read(site, spec('/').urls.atom));
    expect(atom.meta.author).toBe(archive.sites[0]!.publisher);
    const json = JSON.parse(await read(site, spec('/').urls.json));
    expect(json.authors).toEqual([{ name: archive.sites[0]!.publisher, url: archive.sites[0]!.url }]);
  });
});

describe('GeoRSS and _geo', () => {
  const near = (lat: number, lon: number) => Math.abs(lat - 35.6) < 0.1 && Math.abs(lon - 69.5) < 0.3;

  it('the Baghlan feeds carry the Andarab article at its first place, near 35.6 69.5, in both parsers', async () => {
    const baghlan = spec('/places/af/baghlan/');
    const andarab = byUrl.get('/2021/08/22/andarab-resistance/')!;
    expect(baghlan.articles).toContain(andarab.url);
    const first = andarab.points[0]!;
    expect(near(first.lat, first.lon)).toBe(true);
    const expected = `${first.lat} ${first.lon}`;
    for (const url of [baghlan.urls.atom, baghlan.urls.rss]) {
      const xml = await read(site, url);
      expect(xml).toContain('xmlns:georss="http://www.georss.org/georss"');
      const fp = (await parseWithFeedparser(xml)).items.find((i) => i.guid === andarab.canonical) as any;
      expect(fp['georss:point']['#'], url).toBe(expected);
      const rp = (await parseWithRssParser(xml)).items.find((i) => (i.id ?? i.guid) === andarab.canonical)!;
      expect(rp['georss:point'], url).toBe(expected);
      const [lat, lon] = rp['georss:point']!.split(' ').map(Number) as [number, number];
      expect(near(lat, lon)).toBe(true);
    }
    const json = JSON.parse(await read(site, baghlan.urls.json));
    const item = json.items.find((i: any) => i.id === andarab.canonical);
    expect(geoProblems(item._geo)).toEqual([]);
    expect(item._geo.coordinates).toEqual([first.lon, first.lat]);
    expect(item._geo.others.map((p: any) => p.coordinates)).toEqual(andarab.points.slice(1).map((p) => [p.lon, p.lat]));
  });

  it('every item with a located place has a point; every other item has none', async () => {
    for (const f of archive.feeds) {
      const items = (await parseWithFeedparser(await read(site, f.urls.atom))).items as any[];
      expect(items.map((i) => i['georss:point']?.['#'])).toEqual(
        articlesOf(f).map((a) => (a.points[0] ? `${a.points[0].lat} ${a.points[0].lon}` : undefined)),
      );
      const json = JSON.parse(await read(site, f.urls.json));
      expect(json.items.map((i: any) => i._geo?.coordinates)).toEqual(
        articlesOf(f).map((a) => (a.points[0] ? [a.points[0].lon, a.points[0].lat] : undefined)),
      );
    }
  });
});

describe('JSON Feed of the example archive', () => {
  it('validates structurally: version 1.1, items with id, content_html, date_published with offset', async () => {
    for (const f of archive.feeds) {
      const json = JSON.parse(await read(site, f.urls.json));
      expect(jsonFeedProblems(json), f.urls.json).toEqual([]);
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      const articles = articlesOf(f);
      expect(json.items.map((i: any) => i.id)).toEqual(articles.map((a) => a.canonical));
      json.items.forEach((item: any, i: number) => {
        const a = articles[i]!;
        expectFullContent(item.content_html, a);
        expect(item.title).toBe(a.title);
        expect(item.summary).toBe(a.excerpt);
        expect(item.language).toBe(a.lang);
        expectDate(item.date_published, a.date);
      });
    }
  });

  it('marks the Persian article’s language', async () => {
    const panjshir = byUrl.get('/2021/09/06/panjshir-taliban-claim/')!;
    expect(panjshir.lang).toBe('fa');
    const json = JSON.parse(await read(site, spec('/').urls.json));
    expect(json.items.find((i: any) => i.id === panjshir.canonical).language).toBe('fa');
    const atom = (await parseWithFeedparser(await read(site, spec('/').urls.atom))).items.find((i) => i.guid === panjshir.canonical) as any;
    expect(atom['atom:@']['xml:lang']).toBe('fa');
  });
});

describe('a hostile title', () => {
  const title = "<script>alert('title')</script> Scripts & handlers";

  it('yields well-formed feeds', async () => {
    const urls = hostile.report.archive!.feeds.flatMap((f) => [f.urls.atom, f.urls.rss]);
    const results = await xmllintAll(
      Object.fromEntries(await Promise.all(urls.map(async (url) => [url, await read(hostile, url)] as const))),
    );
    for (const url of urls) expect(results[url], url).toEqual({ ok: true, errors: '' });
  });

  it('is escaped, and reads back exactly as written', async () => {
    const f = hostile.report.archive!.feeds.find((x) => x.pageUrl === '/')!;
    for (const url of [f.urls.atom, f.urls.rss]) {
      const xml = await read(hostile, url);
      expect(xml).toContain("&lt;script&gt;alert('title')&lt;/script&gt; Scripts &amp; handlers");
      expect(xml).not.toMatch(/<script/i);
      const rp = await parseWithRssParser(xml);
      expect(rp.items.map((i) => i.title)).toContain(title);
      const fp = (await parseWithFeedparser(xml)).items as any[];
      expect(fp.map((i) => (i['atom:title'] ?? i['rss:title'])['#'])).toContain(title);
    }
    const json = JSON.parse(await read(hostile, f.urls.json));
    expect(jsonFeedProblems(json)).toEqual([]);
    expect(json.items.map((i: any) => i.title)).toContain(title);
  });
});

describe('feed files', () => {
  // That a second build gives the same bytes, feeds included, is tested on the whole site
  // (time-zones.test.ts).
  it('are three per feed', async () => {
    const files = (await site.files()).filter((f) => FEED_FILE.test(f));
    expect(files.length).toBe(archive.feeds.length * 3);
  });
});
