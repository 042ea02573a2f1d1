import type { Archive, LanguageLink } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';
import { compareText } from '../../report/message.ts';
import { articleIndex, newestChange, rfc3339 } from '../feeds/feed-data.ts';
import { NS, xml, xmlDocument } from '../feeds/xml.ts';

export const SITEMAP_URL = '/sitemap.xml';
export const ROBOTS_URL = '/robots.txt';
/** The sitemaps.org limit of URLs in one sitemap file. */
export const SITEMAP_LIMIT = 50_000;

/** One HTML page of the site, with when it last changed (W3C date-time with offset) if known. */
export interface SitemapPage {
  /** Root-relative (`/2021/08/22/andarab-resistance/`). */
  url: string;
  lastmod?: string;
  /** An article with translations: every version by language, itself too (`<xhtml:link hreflang>`). */
  alternates?: { lang: string; url: string }[];
}

/**
 * Every HTML page of the site, from the model only (never from the output folder): the home
 * page, then every page object of the archive's lists, in the model's order: articles (withdrawn
 * ones too: they stay published with a notice), listings and any other list of pages the model
 * holds or will hold (index pages…), recognised by their root-relative directory `url` and their
 * `outputPath`. An article's `lastmod` is its `updated`, else its `date`; a page that lists
 * articles (the home page, listings) gets the newest of them; other pages get none. A URL the
 * model holds twice is listed once.
 */
export function sitemapPages(archive: Archive): SitemapPage[] {
  const index = articleIndex(archive);
  const newestOf = (groups: readonly { articles: readonly { url: string }[] }[]) => {
    const t = newestChange(groups.flatMap((g) => g.articles.flatMap((a) => index.get(a.url) ?? [])));
    return t ? rfc3339(t) : undefined;
  };
  const pages: SitemapPage[] = archive.homes.map((home) => withLanguages(withLastmod(home.url, newestOf(home.latest)), home));
  // Not the search pages, which ask not to be indexed.
  const searches = new Set<unknown>(archive.searches);
  for (const page of modelPages(archive)) {
    if (searches.has(page)) continue;
    const article = index.get(page.url);
    if (article && article === page)
      pages.push(withVersions(withLastmod(page.url, rfc3339(article.updated ?? article.date)), article, article.translations));
    else pages.push(withLanguages(withLastmod(page.url, isGroups(page.groups) ? newestOf(page.groups) : undefined), page));
  }
  const seen = new Set<string>();
  return pages.filter((p) => !seen.has(p.url) && seen.add(p.url));
}

interface ModelPage {
  url: string;
  outputPath: string;
  groups?: unknown;
  siteLang?: string;
  languages?: LanguageLink[];
}

/** A page's entry with its versions in other languages as alternates, itself among them (by language), when it has any. */
function withVersions(
  entry: SitemapPage,
  self: { lang: string; url: string },
  others: readonly { lang: string; url: string }[] | undefined,
): SitemapPage {
  if (!others?.length) return entry;
  const versions = [self, ...others].map(({ lang, url }) => ({ lang, url }));
  return { ...entry, alternates: versions.sort((a, b) => compareText(a.lang, b.lang)) };
}

/** A page of one language with the same page in the site's others (withVersions), when there is one. */
function withLanguages(entry: SitemapPage, page: ModelPage): SitemapPage {
  if (!page.siteLang) return entry;
  return withVersions(
    entry,
    { lang: page.siteLang, url: page.url },
    page.languages?.filter((l) => l.same),
  );
}

/** The page objects in the archive's top-level lists (`articles`, `listings`, `indexes`…). */
function modelPages(archive: Archive): ModelPage[] {
  const isPage = (v: unknown): v is ModelPage => {
    if (typeof v !== 'object' || v === null) return false;
    const { url, outputPath } = v as Record<string, unknown>;
    return typeof url === 'string' && url.startsWith('/') && url.endsWith('/') && typeof outputPath === 'string';
  };
  return Object.values(archive).flatMap((value: unknown) => (Array.isArray(value) ? value.filter(isPage) : []));
}

function isGroups(v: unknown): v is { articles: { url: string }[] }[] {
  return Array.isArray(v) && v.every((g) => typeof g === 'object' && g !== null && Array.isArray((g as { articles?: unknown }).articles));
}

function withLastmod(url: string, lastmod: string | undefined): SitemapPage {
  return lastmod ? { url, lastmod } : { url };
}

/** A sitemaps.org 0.9 `<urlset>` of some pages, with absolute `<loc>`s on `base`. */
export function urlset(pages: readonly SitemapPage[], base: string): string {
  return sitemapXml('urlset', 'url', pages, base);
}

/** A sitemaps.org 0.9 `<sitemapindex>` of sitemap files (root-relative URLs). */
export function sitemapIndex(sitemaps: readonly SitemapPage[], base: string): string {
  return sitemapXml('sitemapindex', 'sitemap', sitemaps, base);
}

/** The two sitemap documents differ only in their element names. */
function sitemapXml(
  rootName: 'urlset' | 'sitemapindex',
  entryName: 'url' | 'sitemap',
  entries: readonly SitemapPage[],
  base: string,
): string {
  const children = entries.map((entry) => ({
    name: entryName,
    children: [
      xml('loc', absoluteUrl(entry.url, base)),
      ...(entry.lastmod ? [xml('lastmod', entry.lastmod)] : []),
      // Google's form of a page's language versions in a sitemap.
      ...(entry.alternates ?? []).map((a) =>
        xml('xhtml:link', undefined, { rel: 'alternate', hreflang: a.lang, href: absoluteUrl(a.url, base) }),
      ),
    ],
  }));
  const alternates = entries.some((e) => e.alternates);
  return xmlDocument({ name: rootName, attrs: { xmlns: NS.sitemap, ...(alternates && { 'xmlns:xhtml': NS.xhtml }) }, children });
}

/** The URLs of the sitemap files of a site of `pages` pages: one file, or an index and its parts. */
export function sitemapUrls(pages: number, limit = SITEMAP_LIMIT): string[] {
  const parts = pages <= limit ? 0 : Math.ceil(pages / limit);
  return [SITEMAP_URL, ...Array.from({ length: parts }, (_, i) => `/sitemap-${i + 1}.xml`)];
}

/**
 * The sitemap files of the archive as `[root-relative URL, content]`: `/sitemap.xml` with every
 * page; past `limit` pages (sitemaps.org allows 50,000 per file), `/sitemap.xml` becomes an index
 * of `/sitemap-1.xml`, `/sitemap-2.xml`…
 */
export function sitemapFiles(archive: Archive, limit = SITEMAP_LIMIT): [string, string][] {
  const pages = sitemapPages(archive);
  const base = archive.sites[0]!.url;
  if (pages.length <= limit) return [[SITEMAP_URL, urlset(pages, base)]];
  const parts: [string, string][] = [];
  const entries: SitemapPage[] = [];
  for (let i = 0; i < pages.length; i += limit) {
    const chunk = pages.slice(i, i + limit);
    const url = `/sitemap-${parts.length + 1}.xml`;
    parts.push([url, urlset(chunk, base)]);
    const newest = chunk.reduce<string | undefined>(
      (m, p) => (p.lastmod && (!m || Date.parse(p.lastmod) > Date.parse(m)) ? p.lastmod : m),
      undefined,
    );
    entries.push(withLastmod(url, newest));
  }
  return [[SITEMAP_URL, sitemapIndex(entries, base)], ...parts];
}

/**
 * `robots.txt`: everything may be crawled; names the sitemap. (Crawlers read robots.txt only at
 * the root of a host: on a site published under a sub-path it is inert but harmless.)
 */
export function robotsTxt(archive: Archive): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl(SITEMAP_URL, archive.sites[0]!.url)}`, ''].join('\n');
}
