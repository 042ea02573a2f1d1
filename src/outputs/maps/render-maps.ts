import type { Archive, MapSpec } from '../../archive/archive.ts';
import { renderLocatorMap, renderPlaceMap } from './render-map.ts';

/**
 * Renders every map the pages ask for, keyed by the URL of the page that shows it: a place map
 * on place pages, a locator on article pages. Eleventy prints them as values (`maps[url]`);
 * runEleventy asks for one pass's pages at a time.
 */
export function renderMaps(archive: Archive): Record<string, string> {
  const maps: Record<string, string> = {};
  const input = (spec: MapSpec) => ({ points: spec.points, countryIso: spec.countryIso, title: spec.title });
  for (const page of archive.listings) if (page.map) maps[page.url] = renderPlaceMap(input(page.map));
  for (const page of archive.articles) if (page.map) maps[page.url] = renderLocatorMap(input(page.map));
  return maps;
}
