import type { Archive, ArticlePage, MapSpec } from '../../archive/archive.ts';
import { renderLocatorMap, renderPlaceMap } from './render-map.ts';

const input = (spec: MapSpec) => ({ points: spec.points, countryIso: spec.countryIso, title: spec.title });

/**
 * Maps drawn, by kind and input: a map is a function of its input, and writePages asks a pass
 * at a time (the same place's map in several passes). Emptied when it grows past DRAWN_MAX.
 */
const drawn = new Map<string, string>();
const DRAWN_MAX = 20_000;

function draw(kind: 'place' | 'locator', spec: MapSpec): string {
  const key = `${kind}\0${JSON.stringify(input(spec))}`;
  let map = drawn.get(key);
  if (map === undefined) {
    if (drawn.size >= DRAWN_MAX) drawn.clear();
    drawn.set(key, (map = kind === 'place' ? renderPlaceMap(input(spec)) : renderLocatorMap(input(spec))));
  }
  return map;
}

/**
 * Renders every map the pages ask for, keyed by the URL of the page that shows it: a place map
 * on place pages, a locator on article pages. The templates print them as values (`maps[url]`);
 * writePages asks for one pass's pages at a time. Articles filed at the same places share one
 * locator, drawn once (at 10,000 articles, 210 maps for 8,794 articles: 2.2 s of drawing before),
 * and the pages of one place's listing one map.
 */
export function renderMaps(archive: Archive): Record<string, string> {
  const maps: Record<string, string> = {};
  for (const page of archive.listings) if (page.map) maps[page.url] = draw('place', page.map);
  for (const page of archive.articles) if (page.map) maps[page.url] = draw('locator', page.map);
  return maps;
}

/** An article page's locator map, if it has one. */
export function articleMap(page: ArticlePage): string | undefined {
  return page.map && draw('locator', page.map);
}
