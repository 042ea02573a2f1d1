import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.ts';
import { type BuiltSite, buildSite, exampleSite, removeTemps, repoRoot } from '../helpers/site.ts';
import { locProblems, parseSitemapXml, RFC3339, SITEMAP_ALTERNATES_XSD, xmllint } from '../unit/outputs/feeds/judges.ts';

let site: BuiltSite;
let archive: Archive;
let xml: string;

beforeAll(async () => {
  site = await exampleSite();
  expect(site.report.ok).toBe(true);
  archive = site.report.archive!;
  xml = await readFile(join(site.out, 'sitemap.xml'), 'utf8');
});
afterAll(removeTemps);

/** The file a sitemap URL serves, in the built site. */
const fileOf = (out: string, loc: string, base: string) => {
  const path = loc.slice(base.length);
  return join(out, path, path === '' || path.endsWith('/') ? 'index.html' : '');
};

describe('sitemap.xml of the example archive', () => {
  it('validates against the sitemaps.org XSD (from the npm sitemap package), with its language versions', async () => {
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="fa"');
    const result = await xmllint(xml, SITEMAP_ALTERNATES_XSD);
    // Proof the link's schema is applied: a language that is no language tag fails.
    const bad = await xmllint(xml.replace('hreflang="fa"', 'hreflang="not a language"'), SITEMAP_ALTERNATES_XSD);
    expect(bad.ok).toBe(false);
    expect(result.errors).toMatch(/validates/);
    expect(result.ok).toBe(true);
  });

  it('has absolute locs on the configured base URL, each a file of the built site', async () => {
    const locs = (await parseSitemapXml(xml)).map((u) => u.url);
    expect(locs[0]).toBe(archive.sites[0]!.url);
    expect(locProblems(locs, archive.sites[0]!.url)).toEqual([]);
    expect(new Set(locs).size).toBe(locs.length);
    for (const loc of locs) expect(existsSync(fileOf(site.out, loc, archive.sites[0]!.url)), loc).toBe(true);
  });

  it('lists every HTML page of the built site (but the 404 and the noindex search page)', async () => {
    const locs = new Set((await parseSitemapXml(xml)).map((u) => u.url));
    const pages = (await site.files()).filter((f) => f.endsWith('.html') && f !== '404.html' && f !== 'search/index.html');
    expect(pages.length).toBeGreaterThan(archive.articles.length + archive.listings.length);
    const missing = pages.filter((f) => !locs.has(new URL(f.replace(/index\.html$/, ''), archive.sites[0]!.url).href));
    expect(missing).toEqual([]);
    expect(locs.size).toBe(pages.length);
  });

  it('dates every article page by its `updated`, else `date`, with an offset', async () => {
    const lastmods = new Map((await parseSitemapXml(xml)).map((u) => [u.url, u.lastmod]));
    for (const a of archive.articles) {
      const lastmod = lastmods.get(a.canonical);
      expect(lastmod, a.url).toMatch(RFC3339);
      expect(Date.parse(lastmod!)).toBe(Date.parse((a.updated ?? a.date).utc));
    }
    expect(lastmods.get(new URL('2021/08/30/last-us-flight-leaves-kabul/', archive.sites[0]!.url).href)).toBe('2021-08-30T23:59:00+04:30');
  });
});

describe('robots.txt', () => {
  it('allows everything and names the absolute sitemap URL', async () => {
    const robots = await readFile(join(site.out, 'robots.txt'), 'utf8');
    expect(robots.split('\n')).toEqual(['User-agent: *', 'Allow: /', '', 'Sitemap: https://dateline.example.org/sitemap.xml', '']);
  });
});

describe('a site published under a sub-path', () => {
  it('keeps the path in every loc, in robots.txt and in feed links', async () => {
    const base = 'https://example.org/news/';
    const sub = await buildSite(repoRoot, { url: base });
    const locs = (await parseSitemapXml(await readFile(join(sub.out, 'sitemap.xml'), 'utf8'))).map((u) => u.url);
    expect(locs[0]).toBe(base);
    expect(locProblems(locs, base)).toEqual([]);
    for (const loc of locs) expect(existsSync(fileOf(sub.out, loc, base)), loc).toBe(true);
    expect(await readFile(join(sub.out, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${base}sitemap.xml\n`);
    expect(JSON.parse(await readFile(join(sub.out, 'feed.json'), 'utf8')).feed_url).toBe(`${base}feed.json`);
  });
});
