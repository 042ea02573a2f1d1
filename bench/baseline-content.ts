/**
 * Writes the synthetic corpus (bench/generate-corpus.ts) as input for the baselines: a Hugo site
 * and an Eleventy input folder, from the same seeded articles that the Dateline project holds,
 * with the same Markdown bodies, byte for byte.
 *
 * The front matter is converted, the same for both tools:
 *
 *   title, date (as written, with its offset), summary, tags
 *   places: [fr, fr--auvergne-rhone-alpes, fr--auvergne-rhone-alpes--lyon]   the place and the
 *           places it rolls up to (gazetteer ids with `--` for `/`: Hugo mixes up terms that
 *           hold slashes), so each level gets a listing page
 *   days: ['2009-03-14'], months: ['2009-03'], years: ['2009']            the article's local
 *           day, month and year (the date as written is local to the article's zone)
 *   url (Hugo) / permalink (Eleventy): /2009/03/14/<slug>/, Dateline's URL
 *
 * So the baselines need no gazetteer and no time-zone code: resolving places and zones is work
 * only Dateline does, done here for them, outside the timings. Dates inside lists are quoted so
 * neither YAML reader turns them into timestamps. `timezone` and `lang` are left out (Hugo would
 * read `lang` as a content language). The place names go to a data file (Hugo's `data/places.json`,
 * Eleventy's `_data/placeNames.json`) that both read for the titles of place pages.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { type SyntheticArticle, type SyntheticPlace, syntheticArticles, syntheticPlaces } from './generate-corpus.ts';

export const BASELINES = join(import.meta.dirname, 'baselines');

export interface BaselineInputs {
  /** Hugo site folder (`hugo --source` it). */
  hugo: string;
  /** Eleventy input folder (shared by both Eleventy baselines). */
  eleventy: string;
}

const scalar = (value: string) => YAML.stringify(value, { lineWidth: 0 }).trimEnd();
const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** A gazetteer id as a taxonomy term: `fr--auvergne-rhone-alpes` (slugs never hold `--`). */
const term = (id: string) => id.replaceAll('/', '--');

/** The article's place and every place it rolls up to, country first, as terms. */
function placeChain(article: SyntheticArticle, byPath: Map<string, SyntheticPlace>, byId: Map<string, SyntheticPlace>): string[] {
  let place = byPath.get(article.location);
  if (!place) throw new Error(`No synthetic place has the path ${article.location}.`);
  const chain: string[] = [];
  for (; place; place = place.parent ? byId.get(place.parent) : undefined) chain.unshift(term(place.id));
  return chain;
}

/** `2009/03/14/<slug>`: the article's local day and slug, as Dateline files it. */
export const articleUrlPath = (a: SyntheticArticle) => `${a.date.slice(0, 4)}/${a.date.slice(5, 7)}/${a.date.slice(8, 10)}/${a.slug}`;

function frontMatter(a: SyntheticArticle, places: string[], tool: 'hugo' | 'eleventy'): string {
  const day = a.date.slice(0, 10);
  const url = `/${articleUrlPath(a)}/`;
  return [
    '---',
    `title: ${scalar(a.title)}`,
    `date: ${a.date}`,
    `summary: ${scalar(a.summary)}`,
    `tags: ${list(a.tags)}`,
    `places: ${list(places)}`,
    `days: ${list([day])}`,
    `months: ${list([day.slice(0, 7)])}`,
    `years: ${list([day.slice(0, 4)])}`,
    tool === 'hugo' ? `url: ${url}` : `permalink: ${url}index.html`,
    '---',
  ].join('\n');
}

/**
 * Writes both baseline inputs under `dir` for `count` articles of `seed`: `dir/hugo` (the site
 * skeleton of bench/baselines/hugo plus `content/articles/YYYY/MM/<slug>.md` and
 * `data/places.json`) and `dir/eleventy/src` (bench/baselines/eleventy-common/site plus
 * `articles/YYYY/MM/<slug>.md` and `_data/placeNames.json`).
 */
export async function writeBaselineInputs(dir: string, count: number, seed: number): Promise<BaselineInputs> {
  const hugo = join(dir, 'hugo');
  const eleventy = join(dir, 'eleventy', 'src');
  await cp(join(BASELINES, 'hugo'), hugo, { recursive: true });
  await cp(join(BASELINES, 'eleventy-common', 'site'), eleventy, { recursive: true });

  const places = syntheticPlaces();
  const byPath = new Map(places.map((p) => [p.path, p]));
  const byId = new Map(places.map((p) => [p.id, p]));
  const names = JSON.stringify(Object.fromEntries(places.map((p) => [term(p.id), p.name])));
  await mkdir(join(hugo, 'data'), { recursive: true });
  await mkdir(join(eleventy, '_data'), { recursive: true });
  await writeFile(join(hugo, 'data', 'places.json'), names);
  await writeFile(join(eleventy, '_data', 'placeNames.json'), names);

  const madeDirs = new Set<string>();
  const ensure = async (file: string) => {
    const folder = dirname(file);
    if (madeDirs.has(folder)) return;
    madeDirs.add(folder);
    await mkdir(folder, { recursive: true });
  };
  let pending: Promise<void>[] = [];
  for (const a of syntheticArticles(count, seed)) {
    const chain = placeChain(a, byPath, byId);
    const relative = join(a.date.slice(0, 4), a.date.slice(5, 7), `${a.slug}.md`);
    const hugoFile = join(hugo, 'content', 'articles', relative);
    const eleventyFile = join(eleventy, 'articles', relative);
    await ensure(hugoFile);
    await ensure(eleventyFile);
    pending.push(writeFile(hugoFile, `${frontMatter(a, chain, 'hugo')}\n${a.body}`));
    pending.push(writeFile(eleventyFile, `${frontMatter(a, chain, 'eleventy')}\n${a.body}`));
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return { hugo, eleventy };
}
