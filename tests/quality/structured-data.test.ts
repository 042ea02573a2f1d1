import { join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { listFiles, readPage, sharedOut, sharedOutInSetup } from '../helpers/site.ts';

const S = 'https://schema.org/';

/**
 * schema.org's context, offline. Its published context maps every term under the schema.org
 * vocabulary; with no network here, the loader answers with that mapping (@vocab) and nothing
 * else, so a term that is not a property name still expands to an IRI that the checks below
 * would not find. No other URL is loaded.
 */
const documentLoader = async (url: string) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url))
    return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': S } } };
  throw new Error(`Refusing to load ${url}: structured data must not need the network.`);
};

type Expanded = Record<string, { '@value'?: unknown; '@id'?: string; [k: string]: unknown }[]>;

async function articleData(dir: string) {
  const pages = (await listFiles(dir)).filter((f) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(f));
  return Promise.all(
    pages.map(async (file) => {
      const page = await readPage(join(dir, file));
      const scripts = page.all('script[type="application/ld+json"]');
      expect(scripts, file).toHaveLength(1);
      const [expanded] = (await jsonld.expand(JSON.parse(textOf(scripts[0]!)), { documentLoader })) as unknown as Expanded[];
      return { file, expanded: expanded! };
    }),
  );
}

function checkNewsArticle(file: string, e: Expanded) {
  expect(e['@type'], file).toEqual([`${S}NewsArticle`]);
  for (const property of ['headline', 'datePublished', 'dateModified', 'dateline', 'url', 'inLanguage', 'publisher', 'author']) {
    expect(e[`${S}${property}`], `${file}: ${property}`).toHaveLength(1);
  }
  expect(String(e[`${S}datePublished`]![0]!['@value']), file).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/);
  const publisher = e[`${S}publisher`]![0] as unknown as Expanded;
  expect(publisher['@type']).toEqual([`${S}Organization`]);
  for (const place of (e[`${S}contentLocation`] ?? []) as unknown as Expanded[]) {
    const geo = place[`${S}geo`]![0] as unknown as Expanded;
    const lat = Number(geo[`${S}latitude`]![0]!['@value']);
    const lon = Number(geo[`${S}longitude`]![0]!['@value']);
    expect(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, `${file}: ${lat},${lon}`).toBe(true);
  }
}

const synthetic = sharedOutInSetup('synthetic');

describe('structured data on article pages', () => {
  it('parses and expands as schema.org NewsArticle with the required fields, in the example archive', async () => {
    const all = await articleData(await sharedOut('example'));
    expect(all).toHaveLength(10);
    for (const { file, expanded } of all) checkNewsArticle(file, expanded);
    const andarab = all.find((a) => a.file.includes('andarab-resistance'))!.expanded;
    expect(andarab[`${S}contentLocation`]).toHaveLength(3);
    expect(andarab[`${S}isBasedOn`]).toHaveLength(1);
  });

  it('does the same on every article of the 1,000-article archive', async () => {
    const all = await articleData(synthetic());
    expect(all).toHaveLength(1000);
    for (const { file, expanded } of all) checkNewsArticle(file, expanded);
  });

  it('and the check fails on a NewsArticle without a headline (proof it is not vacuous)', async () => {
    const [expanded] = (await jsonld.expand(
      { '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: '2021-08-22' },
      { documentLoader },
    )) as unknown as Expanded[];
    expect(() => checkNewsArticle('bad', expanded!)).toThrow();
  });
});
