import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bodiesInMemory } from '../../../../src/markdown/bodies.ts';
import { atomFeed } from '../../../../src/outputs/feeds/atom.ts';
import { absoluteLinks, articleIndex, EPOCH, feedData, rfc822, rfc3339 } from '../../../../src/outputs/feeds/feed-data.ts';
import { jsonFeed, jsonFeedObject } from '../../../../src/outputs/feeds/json-feed.ts';
import { rssFeed } from '../../../../src/outputs/feeds/rss.ts';
import { feedFiles, writeFeeds } from '../../../../src/outputs/feeds/write-feeds.ts';
import { outputFile } from '../../../../src/outputs/output-files.ts';
import { listFiles, makeTemp, removeTemps, withFileWriter } from '../../../helpers/site.ts';
import { geoProblems, jsonFeedProblems, parseWithFeedparser, parseWithRssParser, RFC822, RFC3339, xmllint } from './judges.ts';
import { andarab, BASE, emptyFeed, kabul, placeFeed, siteFeed, smallArchive, smallBodies, withdrawn } from './small-archive.ts';

afterAll(removeTemps);

const archive = smallArchive();
const index = articleIndex(archive);
const data = (spec = siteFeed) => feedData(archive, spec, index, smallBodies);
/** The title as XML can carry it: the BEL control character cannot be written in XML 1.0. */
const andarabTitle = andarab.title.replace('\u0007', '');
/** The body as feeds carry it: links absolute on the article's URL (re-serialised by hast). */
const andarabHtml = `<p>Body &#x26; <em>text</em> with <a href="${andarab.canonical}#user-content-fn-1">a note</a>.</p>\n<p>Second line.</p>`;

describe('feed data', () => {
  it('looks up the spec’s articles by URL, in the spec’s order', () => {
    expect(data().entries).toEqual([kabul, andarab]);
    expect(data(placeFeed).entries).toEqual([andarab]);
  });

  it('refuses a spec that names an article the archive does not have', () => {
    expect(() => feedData(archive, { ...placeFeed, articles: ['/2021/01/01/missing/'] }, index, smallBodies)).toThrow(/missing/);
  });

  it('dates a feed by its newest article’s `updated`, else `date` — never by the clock', () => {
    expect(data().updated).toBe('2021-08-30T23:59:00+04:30');
    expect(data(placeFeed).updated).toBe('2021-08-23T09:00:00+04:30');
    // An empty feed changed when the archive last did (here: the withdrawal, which updated that article).
    expect(data(emptyFeed).updated).toBe('2021-09-01T12:00:00-05:00');
    expect(feedData({ ...archive, articles: [] }, emptyFeed, new Map(), smallBodies).updated).toBe(EPOCH);
  });

  it('makes absolute URLs on the configured base, keeping its path', () => {
    const d = data(placeFeed);
    expect(d.pageUrl).toBe(`${BASE}places/af/baghlan/`);
    expect(d.self).toEqual({
      atom: `${BASE}places/af/baghlan/feed.xml`,
      rss: `${BASE}places/af/baghlan/rss.xml`,
      json: `${BASE}places/af/baghlan/feed.json`,
    });
  });

  it('writes RFC 3339 with the article’s offset when it has a time, else the UTC start of its day', () => {
    expect(rfc3339(kabul.date)).toBe('2021-08-30T23:59:00+04:30');
    expect(rfc3339(andarab.date)).toBe('2021-08-21T19:30:00Z');
  });

  it('writes RFC 822 dates with a numeric zone, in English whatever the locale', () => {
    expect(rfc822('2021-08-30T23:59:00+04:30')).toBe('Mon, 30 Aug 2021 23:59:00 +0430');
    expect(rfc822('2021-08-21T19:30:00Z')).toBe('Sat, 21 Aug 2021 19:30:00 +0000');
    expect(rfc822('2021-09-01T12:00:00-05:00')).toBe('Wed, 01 Sep 2021 12:00:00 -0500');
    expect(() => rfc822('22/08/2021')).toThrow();
  });
});

describe('Atom', () => {
  const xml = atomFeed(data());

  it('is well-formed for xmllint, hostile title and all', async () => {
    expect(await xmllint(xml)).toEqual({ ok: true, errors: '' });
  });

  it('escapes markup and drops what XML cannot hold', () => {
    expect(xml).toContain('<title type="text">Fighters hold &lt;b&gt;three&lt;/b&gt; districts &amp; more "quoted" ]]&gt; \'end\'</title>');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('\r');
    expect(xml).not.toMatch(/<(b|em|p|a)[ >]/);
  });

  it('reads back in feedparser and rss-parser with ids, dates, content, categories and georss', async () => {
    const fp = await parseWithFeedparser(xml);
    expect(fp.meta['#type']).toBe('atom');
    expect(fp.meta.title).toBe('Desk & Co');
    expect(fp.meta.xmlurl).toBe(`${BASE}feed.xml`);
    expect(fp.meta.link).toBe(BASE);
    expect(fp.meta.author).toBe('Desk & Co <news>');
    expect(fp.items.map((i) => i.guid)).toEqual([kabul.canonical, andarab.canonical]);
    expect(fp.items.map((i) => i.link)).toEqual([kabul.canonical, andarab.canonical]);
    const [k, a] = fp.items as [any, any];
    // feedparser's normalised `title` strips anything tag-like (readers treat titles as HTML); the element's text is exact.
    expect(a['atom:title']['#']).toBe(andarabTitle);
    expect(a.title).toBe(andarabTitle.replace(/<[^>]*>/g, ''));
    expect(a.summary).toBe('Body & text, <not a tag>.');
    expect(a.categories).toEqual(['andarab', 'R&D <x>']);
    expect(a['atom:published']['#']).toBe('2021-08-21T19:30:00Z');
    expect(a['atom:updated']['#']).toBe('2021-08-23T09:00:00+04:30');
    expect(a['atom:content']['#']).toBe(andarabHtml);
    expect(a['georss:point']['#']).toBe('35.63348 69.26019');
    expect(a['atom:@']).toMatchObject({ 'xml:lang': 'en', 'xml:base': andarab.canonical });
    expect(k['atom:@']['xml:lang']).toBe('fa');
    expect(k['atom:content']['#']).toBe('<div dir="rtl" lang="fa"><p>متن</p></div>');
    expect(k['georss:point']).toBeUndefined();

    const rp = await parseWithRssParser(xml);
    expect(rp.title).toBe('Desk & Co');
    expect(rp.items.map((i) => [i.id, i.title, i.published])).toEqual([
      [kabul.canonical, kabul.title, '2021-08-30T23:59:00+04:30'],
      [andarab.canonical, andarabTitle, '2021-08-21T19:30:00Z'],
    ]);
    expect(rp.items[1]!['georss:point']).toBe('35.63348 69.26019');
    expect(rp.items[1]!.content).toBe(andarabHtml);
  });

  it('dates the feed and every entry with a zone', () => {
    const dates = [...xml.matchAll(/<(published|updated)>([^<]*)</g)].map((m) => m[2]!);
    expect(dates).toHaveLength(5);
    for (const d of dates) expect(d).toMatch(RFC3339);
    expect(xml).toContain('<updated>2021-08-30T23:59:00+04:30</updated>');
  });
});

describe('RSS 2.0', () => {
  const xml = rssFeed(data());

  it('is well-formed for xmllint', async () => {
    expect(await xmllint(xml)).toEqual({ ok: true, errors: '' });
  });

  it('reads back in feedparser and rss-parser', async () => {
    const fp = await parseWithFeedparser(xml);
    expect(fp.meta['#type']).toBe('rss');
    expect(fp.meta.xmlurl).toBe(`${BASE}rss.xml`);
    expect(fp.meta.language).toBe('en');
    const [k, a] = fp.items as [any, any];
    expect(a['rss:title']['#']).toBe(andarabTitle);
    expect(a.guid).toBe(andarab.canonical);
    expect(a['rss:guid']['@'].ispermalink).toBe('true');
    expect(a['rss:pubdate']['#']).toBe('Sat, 21 Aug 2021 19:30:00 +0000');
    expect(k['rss:pubdate']['#']).toBe('Mon, 30 Aug 2021 23:59:00 +0430');
    expect(k.pubdate.toISOString()).toBe('2021-08-30T19:29:00.000Z');
    expect(a['content:encoded']['#']).toBe(andarabHtml);
    expect(a['georss:point']['#']).toBe('35.63348 69.26019');
    expect(a['dc:creator']['#']).toBe('Desk & Co <news>');
    expect(k['dc:language']['#']).toBe('fa');

    const rp = await parseWithRssParser(xml);
    expect(rp.items.map((i) => [i.guid, i.link, i.pubDate, i.isoDate])).toEqual([
      [kabul.canonical, kabul.canonical, 'Mon, 30 Aug 2021 23:59:00 +0430', '2021-08-30T19:29:00.000Z'],
      [andarab.canonical, andarab.canonical, 'Sat, 21 Aug 2021 19:30:00 +0000', '2021-08-21T19:30:00.000Z'],
    ]);
    expect(rp.items[1]!.categories).toEqual(['andarab', 'R&D <x>']);
    expect(rp.items[1]!['georss:point']).toBe('35.63348 69.26019');
    expect(rp.items[1]!['content:encoded']).toBe(andarabHtml);
  });

  it('writes every date in RFC 822 with a numeric zone', () => {
    const dates = [...xml.matchAll(/<(pubDate|lastBuildDate)>([^<]*)</g)].map((m) => m[2]!);
    expect(dates).toEqual(['Mon, 30 Aug 2021 23:59:00 +0430', 'Mon, 30 Aug 2021 23:59:00 +0430', 'Sat, 21 Aug 2021 19:30:00 +0000']);
    for (const d of dates) expect(d).toMatch(RFC822);
  });
});

describe('JSON Feed 1.1', () => {
  const feed = jsonFeedObject(data());

  it('is structurally valid', () => {
    expect(jsonFeedProblems(feed)).toEqual([]);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${BASE}feed.json`);
    expect(feed.authors).toEqual([{ name: 'Desk & Co <news>', url: BASE }]);
  });

  it('carries ids, full content, dates with offsets, tags and language per item', () => {
    const [k, a] = feed.items as [any, any];
    expect(a).toMatchObject({
      id: andarab.canonical,
      url: andarab.canonical,
      title: andarab.title,
      content_html: andarabHtml,
      summary: andarab.excerpt,
      date_published: '2021-08-21T19:30:00Z',
      date_modified: '2021-08-23T09:00:00+04:30',
      tags: ['andarab', 'R&D <x>'],
      language: 'en',
    });
    expect(k).toMatchObject({
      date_published: '2021-08-30T23:59:00+04:30',
      language: 'fa',
      content_html: '<div dir="rtl" lang="fa"><p>متن</p></div>',
    });
    expect(k.date_modified).toBeUndefined();
  });

  it('gives `_geo` as a GeoJSON Point in [lon, lat] order, with the other places', () => {
    const [k, a] = feed.items as [any, any];
    expect(geoProblems(a._geo)).toEqual([]);
    expect(a._geo).toEqual({
      about: 'https://www.rfc-editor.org/rfc/rfc7946',
      type: 'Point',
      coordinates: [69.26019, 35.63348],
      name: 'Banu',
      url: `${BASE}places/af/baghlan/banu/`,
      others: [{ type: 'Point', coordinates: [69.47134, 35.61794], name: 'Pol-e-Hesar', url: `${BASE}places/af/baghlan/pol-e-hesar/` }],
    });
    expect(k._geo).toBeUndefined();
  });

  it('is JSON that round-trips, control characters escaped', () => {
    const text = jsonFeed(data());
    expect(JSON.parse(text)).toEqual(feed);
    expect(text).toContain('\\u0007');
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('links in content', () => {
  const page = `${BASE}2021/08/22/andarab/`;

  it('are made absolute: relative to the article, root-relative to the site (keeping its path)', () => {
    const html =
      '<p><a href="../../../../2015/07/30/x/index.html">x</a> <a href="/places/af/">af</a> <a href="#fn-1">1</a> <img src="map.png" alt="m"></p><blockquote cite="/sources/a/"><p>q</p></blockquote>';
    expect(absoluteLinks(html, page, BASE)).toBe(
      `<p><a href="${BASE}2015/07/30/x/index.html">x</a> <a href="${BASE}places/af/">af</a> <a href="${page}#fn-1">1</a> <img src="${page}map.png" alt="m"></p><blockquote cite="${BASE}sources/a/"><p>q</p></blockquote>`,
    );
  });

  it('reads a value’s character references and writes `&` escaped; resolves each address of a srcset', () => {
    const html =
      '<p><a href="/search/?q=a&#x26;b=&#x22;c&#x22;">s</a><img srcset="/media/a-640.webp 640w, b.webp 2x" src="x.png" alt=""></p>';
    expect(absoluteLinks(html, page, BASE)).toBe(
      `<p><a href="${BASE}search/?q=a&#x26;b=%22c%22">s</a><img srcset="${BASE}media/a-640.webp 640w, ${page}b.webp 2x" src="${page}x.png" alt=""></p>`,
    );
  });

  it('leaves absolute and other-scheme URLs, and text that looks like an attribute, alone', () => {
    const html =
      '<p><a href="https://other.example/a?b=1&#x26;c=2">a</a> <a href="mailto:desk@news.example">m</a> <a href="//cdn.example/x">p</a> <code>href="../x"</code></p>';
    expect(absoluteLinks(html, page, BASE)).toBe(html.replace('//cdn.example/x', 'https://cdn.example/x'));
    const plain = '<p>Nothing to resolve: <code>src="a.png"</code> &amp; more</p>';
    expect(absoluteLinks(plain, page, BASE)).toBe(plain);
  });

  it('are absolute in every format', async () => {
    const d = data(placeFeed);
    const href = `href="${andarab.canonical}#user-content-fn-1"`;
    expect((await parseWithRssParser(atomFeed(d))).items[0]!.content).toContain(href);
    expect((await parseWithRssParser(rssFeed(d))).items[0]!['content:encoded']).toContain(href);
    expect(jsonFeedObject(d).items[0]!.content_html).toContain(href);
  });
});

describe('escaping', () => {
  // Strings shaped like entity references are where an escaper that keeps entities goes wrong.
  const hostile = [
    '&amp;',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    'R&D; AT&T',
    '&#60;b&#62; &#x3C;i&#x3E;',
    '&&; & &',
    ']]> <![CDATA[ x ]]>',
    '<!-- c --> <?pi x?>',
    '"\'<>',
  ];
  const title = hostile.join(' | ');
  const html = `<p>${hostile.map((h) => h.replace(/&(?![a-z]+;|#)/g, '&amp;')).join('</p><p>')}</p>`;
  const tricky = { ...andarab, title, bodyKey: 'tricky', excerpt: title, topics: [{ name: title, url: '/topics/t/' }] };
  const trickyArchive = { ...archive, articles: [tricky], feeds: [{ ...placeFeed, title }] };
  const trickyData = feedData(
    trickyArchive,
    trickyArchive.feeds[0]!,
    articleIndex(trickyArchive),
    bodiesInMemory(new Map([['tricky', { html, text: title, firstParagraph: title }]])),
  );

  it('keeps Atom and RSS well-formed', async () => {
    expect((await xmllint(atomFeed(trickyData))).errors).toBe('');
    expect((await xmllint(rssFeed(trickyData))).errors).toBe('');
  });

  it('gives back exactly the text and HTML that went in (rss-parser on xml2js)', async () => {
    for (const xml of [atomFeed(trickyData), rssFeed(trickyData)]) {
      const rp = await parseWithRssParser(xml);
      expect(rp.title).toBe(title);
      const item = rp.items[0]!;
      expect(item.title).toBe(title);
      expect(item['content:encoded'] ?? item.content).toBe(html);
    }
    // rss-parser reads categories of RSS only.
    expect((await parseWithRssParser(rssFeed(trickyData))).items[0]!.categories).toEqual([title]);
  });

  it('gives back the same raw text in feedparser (sax)', async () => {
    const atom = (await parseWithFeedparser(atomFeed(trickyData))).items[0] as any;
    expect(atom['atom:title']['#']).toBe(title);
    expect(atom['atom:summary']['#']).toBe(title);
    const rss = (await parseWithFeedparser(rssFeed(trickyData))).items[0] as any;
    expect(rss['rss:title']['#']).toBe(title);
    expect(rss['rss:category']['#']).toBe(title);
  });
});

describe('writing', () => {
  it('writes three formats per spec at their URLs, in order, and the same bytes every time', async () => {
    const dir = await makeTemp();
    expect(await withFileWriter((writer) => writeFeeds(archive, dir, smallBodies, writer))).toBe(9);
    expect(await listFiles(dir)).toEqual([
      'feed.json',
      'feed.xml',
      'places/af/baghlan/feed.json',
      'places/af/baghlan/feed.xml',
      'places/af/baghlan/rss.xml',
      'places/xx/feed.json',
      'places/xx/feed.xml',
      'places/xx/rss.xml',
      'rss.xml',
    ]);
    const files = [...feedFiles(archive, smallBodies)];
    expect(files.map(([url]) => url)).toEqual([
      '/feed.xml',
      '/rss.xml',
      '/feed.json',
      '/places/xx/feed.xml',
      '/places/xx/rss.xml',
      '/places/xx/feed.json',
      '/places/af/baghlan/feed.xml',
      '/places/af/baghlan/rss.xml',
      '/places/af/baghlan/feed.json',
    ]);
    for (const [url, content] of files) expect(await readFile(join(dir, url.slice(1)), 'utf8')).toBe(content);
    expect([...feedFiles(smallArchive(), smallBodies)]).toEqual(files);
  });

  it('writes an empty feed that is still valid', async () => {
    const d = data(emptyFeed);
    expect(jsonFeedProblems(jsonFeedObject(d))).toEqual([]);
    expect((await parseWithRssParser(atomFeed(d))).items).toEqual([]);
    expect((await parseWithFeedparser(rssFeed(d))).items).toEqual([]);
  });

  it('leaves withdrawn articles out (they are in no spec)', () => {
    for (const [, content] of feedFiles(archive, smallBodies)) expect(content).not.toContain(withdrawn.canonical);
  });

  it('refuses output URLs that could leave the site folder', () => {
    expect(outputFile('/tmp/site', '/places/af/feed.xml')).toBe('/tmp/site/places/af/feed.xml');
    for (const bad of ['/../x.xml', '/places/../../x.xml', 'feed.xml', '/', '/places/', '/a//b.xml', '/A/feed.xml', '/places/%2e%2e/x.xml'])
      expect(() => outputFile('/tmp/site', bad), bad).toThrow(/Refusing/);
  });
});
