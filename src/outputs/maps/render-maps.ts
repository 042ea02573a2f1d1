import type { Archive, ArticlePage, MapSpec } from '../../archive/archive.ts';
import { renderLocatorMap, renderPlaceMap } from './render-map.ts';

const input = (spec: MapSpec) => ({ points: spec.points, countryIso: spec.countryIso, title: spec.title });

/**
 * Renders every map the pages ask for, keyed by the URL of the page that shows it: a place map
 * on place pages, a locator on article pages. Eleventy prints them as values (`maps[url]`);
 * runEleventy asks for one pass's pages at a time.
 */
export function renderMaps(archive: Archive): Record<string, string> {
  const maps: Record<string, string> = {};
  for (const page of archive.listings) if (page.map) maps[page.url] = renderPlaceMap(input(page.map));
  for (const page of archive.articles) {
    const map = articleMap(page);
    if (map) maps[page.url] = map;
  }
  return maps;
}

/** An article page's locator map, if it has one. */
export function articleMap(page: ArticlePage): string | undefined {
  return page.map && renderLocatorMap(input(page.map));
}
