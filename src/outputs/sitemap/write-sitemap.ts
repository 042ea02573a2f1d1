import type { OutputWriter } from '../write-outputs.ts';
import { writeOutput } from '../feeds/xml.ts';
import { ROBOTS_URL, robotsTxt, sitemapFiles } from './sitemap.ts';

/** Writes `/sitemap.xml` (and its parts, for a very large site) and `/robots.txt`. */
export const writeSitemap: OutputWriter = async (archive, dir) => {
  const files: [string, string][] = [...sitemapFiles(archive), [ROBOTS_URL, robotsTxt(archive)]];
  for (const [url, content] of files) await writeOutput(dir, url, content);
  return files.length;
};
