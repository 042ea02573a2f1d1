import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bodiesInMemory } from '../../../../src/markdown/bodies.ts';
import { robotsTxt, sitemapFiles, sitemapPages, urlset } from '../../../../src/outputs/sitemap/sitemap.ts';
import { writeSitemap } from '../../../../src/outputs/sitemap/write-sitemap.ts';
import { listFiles, makeTemp, removeTemps, withFileWriter } from '../../../helpers/site.ts';
import { locProblems, parseSitemapIndexXml, parseSitemapXml, SITEMAP_XSD, xmllint } from '../feeds/judges.ts';
import { BASE, smallArchive } from '../feeds/small-archive.ts';

afterAll(removeTemps);
const archive = smallArchive();

describe('sitemap pages', () => {
  it('lists the home page, every article (withdrawn too), every listing and other page lists of the model', () => {
    expect(sitemapPages(archive)).toEqual([
      { url: '/', lastmod: '2021-08-30T23:59:00+04:30' },
      { url: '/2021/08/30/kabul/', lastmod: '2021-08-30T23:59:00+04:30' },
      { url: '/2021/08/22/andarab/', lastmod: '2021-08-23T09:00:00+04:30' },
      { url: '/2021/08/10/withdrawn/', lastmod: '2021-09-01T12:00:00-05:00' },
      { url: '/places/af/baghlan/', lastmod: '2021-08-23T09:00:00+04:30' },
      { url: '/places/xx/' },
      { url: '/places/' },
    ]);
  });

  it('lists a URL the model holds twice once, and takes no feed or site URL for a page', () => {
    const twice = { ...archive, listings: [...archive.listings, archive.listings[0]!] };
    const urls = sitemapPages(twice).map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).not.toContain('/feed.xml');
  });
});

describe('sitemap.xml', () => {
  const [[url, xml]] = sitemapFiles(archive) as [[string, string]];

  it('is one sitemaps.org urlset at /sitemap.xml with absolute locs on the base URL (sub-path kept)', async () => {
    expect(url).toBe('/sitemap.xml');
    const parsed = await parseSitemapXml(xml);
    expect(parsed.map((p) => p.url)).toEqual(sitemapPages(archive).map((p) => `${BASE}${p.url.slice(1)}`));
    expect(
      locProblems(
        parsed.map((p) => p.url),
        BASE,
      ),
    ).toEqual([]);
    expect(parsed[2]).toEqual({ url: `${BASE}2021/08/22/andarab/`, lastmod: '2021-08-23T09:00:00+04:30' });
  });

  it('validates against the sitemaps.org XSD', async () => {
    const result = await xmllint(xml, { schema: SITEMAP_XSD });
    expect(result.errors).toMatch(/validates/);
    expect(result.ok).toBe(true);
  });

  it('escapes `&` in a URL', async () => {
    const withAmp = urlset([{ url: '/?x=1&y=2' }], BASE);
    expect(await parseSitemapXml(withAmp)).toEqual([{ url: `${BASE}?x=1&y=2` }]);
  });

  it('splits past the limit into an index of sitemaps, each valid', async () => {
    const files = sitemapFiles(archive, 3);
    expect(files.map(([u]) => u)).toEqual(['/sitemap.xml', '/sitemap-1.xml', '/sitemap-2.xml', '/sitemap-3.xml']);
    expect(await parseSitemapIndexXml(files[0]![1])).toEqual([
      { url: `${BASE}sitemap-1.xml`, lastmod: '2021-08-30T23:59:00+04:30' },
      { url: `${BASE}sitemap-2.xml`, lastmod: '2021-09-01T12:00:00-05:00' },
      { url: `${BASE}sitemap-3.xml` },
    ]);
    const all = (await Promise.all(files.slice(1).map(([, x]) => parseSitemapXml(x)))).flat();
    expect(all.map((p) => p.url)).toEqual((await parseSitemapXml(sitemapFiles(archive)[0]![1])).map((p) => p.url));
    for (const [, x] of files.slice(1)) expect((await xmllint(x, { schema: SITEMAP_XSD })).ok).toBe(true);
  });
});

describe('robots.txt', () => {
  it('allows everything and names the absolute sitemap', () => {
    expect(robotsTxt(archive)).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${BASE}sitemap.xml\n`);
  });
});

describe('writing', () => {
  it('writes sitemap.xml and robots.txt, the same bytes every time', async () => {
    const dir = await makeTemp();
    expect(await withFileWriter((writer) => writeSitemap(archive, dir, bodiesInMemory(new Map()), writer))).toBe(2);
    expect(await listFiles(dir)).toEqual(['robots.txt', 'sitemap.xml']);
    expect(await readFile(join(dir, 'sitemap.xml'), 'utf8')).toBe(sitemapFiles(smallArchive())[0]![1]);
    expect(await readFile(join(dir, 'robots.txt'), 'utf8')).toBe(robotsTxt(archive));
  });
});
