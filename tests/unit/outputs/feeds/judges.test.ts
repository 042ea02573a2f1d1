/**
 * Judge self-test: each judge the feed and sitemap tests rely on rejects a known-bad input, so a
 * passing test means something (and a judge that silently accepts everything would fail here).
 */
import { describe, expect, it } from 'vitest';
import {
  geoProblems,
  jsonFeedProblems,
  locProblems,
  parseSitemapXml,
  parseWithFeedparser,
  parseWithRssParser,
  SITEMAP_XSD,
  xmllint,
  xmllintAll,
} from './judges.ts';

const sitemap = (loc: string, lastmod = '2021-08-22T14:30:00+04:30', ns = 'http://www.sitemaps.org/schemas/sitemap/0.9') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="${ns}"><url><loc>${loc}</loc><lastmod>${lastmod}</lastmod></url></urlset>\n`;
const rss = (title: string) =>
  `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://a.example/</link><description>d</description><item><title>${title}</title><guid>https://a.example/x/</guid></item></channel></rss>\n`;

describe('xmllint', () => {
  it('accepts a well-formed feed and rejects an unescaped `&`', async () => {
    expect((await xmllint(rss('Scripts &amp; handlers'))).ok).toBe(true);
    const bad = await xmllint(rss('Scripts & handlers'));
    expect(bad.ok).toBe(false);
    expect(bad.errors).toMatch(/EntityRef|xmlParseEntityRef|entity/i);
  });

  it('judges many documents in one run, each on its own', async () => {
    const results = await xmllintAll({ good: rss('Scripts &amp; handlers'), bad: rss('Scripts & handlers'), alsoGood: rss('R&amp;D') });
    expect(results.good).toEqual({ ok: true, errors: '' });
    expect(results.alsoGood).toEqual({ ok: true, errors: '' });
    expect(results.bad!.ok).toBe(false);
    expect(results.bad!.errors).toMatch(/EntityRef/);
  });

  it('rejects an unescaped `<`, a control character and an undefined entity', async () => {
    expect((await xmllint(rss('<script>x'))).ok).toBe(false);
    expect((await xmllint(rss('bell \u0007'))).ok).toBe(false);
    expect((await xmllint(rss('R&D;'))).ok).toBe(false);
  });

  it('validates a sitemap against the sitemaps.org XSD, and rejects a relative loc, a bad date and a wrong namespace', async () => {
    expect(await xmllint(sitemap('https://dateline.example.org/'), { schema: SITEMAP_XSD })).toEqual({
      ok: true,
      errors: expect.stringMatching(/validates/),
    });
    // The home page's root-relative URL, not made absolute: too short for the schema's `tLoc`.
    expect((await xmllint(sitemap('/'), { schema: SITEMAP_XSD })).ok).toBe(false);
    expect((await xmllint(sitemap('https://dateline.example.org/', '22/08/2021'), { schema: SITEMAP_XSD })).ok).toBe(false);
    expect((await xmllint(sitemap('https://dateline.example.org/', '2021-08-22T14:30'), { schema: SITEMAP_XSD })).ok).toBe(false);
    expect(
      (
        await xmllint(sitemap('https://dateline.example.org/', undefined, 'http://www.google.com/schemas/sitemap/0.84'), {
          schema: SITEMAP_XSD,
        })
      ).ok,
    ).toBe(false);
  });

  it('needs the URL check beside the XSD: `xsd:anyURI` lets a longer relative loc through', async () => {
    const relative = '/2021/08/22/andarab-resistance/';
    expect((await xmllint(sitemap(relative), { schema: SITEMAP_XSD })).ok).toBe(true);
    expect(locProblems([relative], 'https://dateline.example.org/')).toEqual([`${relative} is not an absolute URL`]);
  });
});

describe('feed parsers', () => {
  it('rss-parser (xml2js, strict) rejects an unescaped `&`; feedparser reads the escaped one', async () => {
    await expect(parseWithRssParser(rss('Scripts & handlers'))).rejects.toThrow();
    expect((await parseWithRssParser(rss('Scripts &amp; handlers'))).items.map((i) => i.title)).toEqual(['Scripts & handlers']);
    expect((await parseWithFeedparser(rss('Scripts &amp; handlers'))).items.map((i) => i.title)).toEqual(['Scripts & handlers']);
  });

  it('feedparser rejects what is not a feed', async () => {
    await expect(parseWithFeedparser('<html><body>not a feed</body></html>')).rejects.toThrow();
  });
});

describe('sitemap checks', () => {
  it('the sitemap package’s parser rejects an unescaped `&`', async () => {
    await expect(parseSitemapXml(sitemap('https://a.example/?a=1&b=2'))).rejects.toThrow();
    expect(await parseSitemapXml(sitemap('https://a.example/?a=1&amp;b=2'))).toEqual([
      { url: 'https://a.example/?a=1&b=2', lastmod: '2021-08-22T14:30:00+04:30' },
    ]);
  });

  it('locProblems rejects relative, foreign, non-http and unnormalised URLs', () => {
    const base = 'https://dateline.example.org/';
    expect(locProblems([base, `${base}places/af/`], base)).toEqual([]);
    expect(
      locProblems(
        ['places/af/', 'https://elsewhere.example/places/af/', 'ftp://dateline.example.org/x', 'https://dateline.example.org/a/../b/'],
        base,
      ),
    ).toHaveLength(4);
  });
});

describe('JSON Feed checks', () => {
  const valid = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 't',
    items: [{ id: 'https://a.example/x/', content_html: '<p>x</p>', date_published: '2021-08-22T14:30:00+04:30' }],
  };

  it('accept a minimal valid feed', () => {
    expect(jsonFeedProblems(valid)).toEqual([]);
  });

  it('reject a wrong version, a missing id, a repeated id, no content, a date without a zone, a relative URL and an unknown member', () => {
    const item = valid.items[0]!;
    expect(jsonFeedProblems({ ...valid, version: 'https://jsonfeed.org/version/1' })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [{ ...item, id: undefined }] })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [item, item] })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [{ id: 'x', date_published: item.date_published }] })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [{ ...item, date_published: '2021-08-22T14:30:00' }] })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [{ ...item, date_published: '2021-08-22' }] })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [{ ...item, url: '/2021/08/22/x/' }] })).toHaveLength(1);
    expect(jsonFeedProblems({ ...valid, items: [{ ...item, geo: {} }] })).toHaveLength(1);
  });

  it('reject a `_geo` that is not a GeoJSON Point with [lon, lat] in range', () => {
    const geo = { type: 'Point', coordinates: [69.5, 35.6], name: 'x', url: 'https://a.example/places/x/' };
    expect(geoProblems(geo)).toEqual([]);
    expect(geoProblems({ ...geo, type: 'Feature' })).toHaveLength(1);
    expect(geoProblems({ ...geo, coordinates: [35.6] })).toHaveLength(1);
    expect(geoProblems({ ...geo, coordinates: [35.6, 169.5] })).toHaveLength(1);
    expect(geoProblems({ ...geo, others: [] })).toHaveLength(1);
    expect(geoProblems({ ...geo, others: [{ ...geo, coordinates: ['69.5', '35.6'] }] })).toHaveLength(1);
  });
});
