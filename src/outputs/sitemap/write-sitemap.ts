import { writeFiles } from '../output-files.ts';
import type { OutputOutline, OutputWriter } from '../write-outputs.ts';
import { ROBOTS_URL, robotsTxt, sitemapFiles, sitemapPages, sitemapUrls } from './sitemap.ts';

/** Writes `/sitemap.xml` (and its parts, for a very large site) and `/robots.txt`. */
export const writeSitemap: OutputWriter = (archive, dir, _bodies, writer) =>
  writeFiles(dir, [...sitemapFiles(archive), [ROBOTS_URL, robotsTxt(archive)]], writer);

/** The sitemap files and robots.txt, made from the pages' URLs and dates (and the site's settings). */
export const sitemapOutline: OutputOutline = (archive) => {
  const pages = sitemapPages(archive);
  return { files: [...sitemapUrls(pages.length), ROBOTS_URL].map((url) => url.slice(1)), inputs: JSON.stringify(pages) };
};
