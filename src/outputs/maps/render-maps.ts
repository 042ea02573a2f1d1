import type { Archive, ArticlePage, MapSpec, SitePage } from '../../archive/archive.ts';
import { startWorker } from '../../start-worker.ts';
import type { PageList } from '../pages/page-templates.ts';
import { renderLocatorMap, renderPlaceMap } from './render-map.ts';

type Kind = 'place' | 'locator';

const input = (spec: MapSpec) => ({ points: spec.points, countryIso: spec.countryIso, title: spec.title });
const keyOf = (kind: Kind, spec: MapSpec) => `${kind}\0${JSON.stringify(input(spec))}`;

/**
 * Maps drawn, by kind and input: a map is a function of its input, and the same map is printed
 * on many pages (the same place's listing pages, articles filed at the same places). Emptied when
 * it grows past DRAWN_MAX.
 */
const drawn = new Map<string, string>();
const DRAWN_MAX = 20_000;

/** A map, drawn once for each input. */
export function drawMap(kind: Kind, spec: MapSpec): string {
  const key = keyOf(kind, spec);
  let map = drawn.get(key);
  if (map === undefined) {
    if (drawn.size >= DRAWN_MAX) drawn.clear();
    drawn.set(key, (map = kind === 'place' ? renderPlaceMap(input(spec)) : renderLocatorMap(input(spec))));
  }
  return map;
}

/** The map a page of a list shows: a place's map on its listing pages, a locator on an article page. */
function mapOf(page: SitePage & { map?: MapSpec }, list: PageList): [Kind, MapSpec] | undefined {
  if (!page.map) return undefined;
  return list === 'listings' ? ['place', page.map] : list === 'articles' ? ['locator', page.map] : undefined;
}

/**
 * Renders every map the pages ask for, keyed by the URL of the page that shows it: a place map
 * on place pages, a locator on article pages (the templates print them as `maps[url]`).
 */
export function renderMaps(archive: Archive): Record<string, string> {
  const maps: Record<string, string> = {};
  for (const list of ['listings', 'articles'] as const) {
    for (const page of archive[list]) {
      const map = mapOf(page, list);
      if (map) maps[page.url] = drawMap(...map);
    }
  }
  return maps;
}

/** An article page's locator map, if it has one. */
export function articleMap(page: ArticlePage): string | undefined {
  return page.map && drawMap('locator', page.map);
}

/** The map a page shows, if any, by the page and its list (what writePages prints each page's map from). */
export type PageMaps = (page: SitePage, list: PageList) => Promise<string | undefined>;

/** Each page's map, drawn on this thread when the page asks for it. */
export const mapsHere: PageMaps = async (page, list) => {
  const map = mapOf(page, list);
  return map && drawMap(...map);
};

/** A map for the worker to draw (maps-worker.ts), and its answer. */
export interface MapJob {
  key: string;
  kind: Kind;
  spec: MapSpec;
}
export type MapResult = { key: string; svg: string } | { key: string; error: string };

/** From this many maps to draw, they are drawn on a worker thread: below, its start-up costs more than it saves. */
const WORKER_MAPS = 50;

/**
 * The maps of the archive's pages, drawn on a worker thread (maps-worker.ts) while this one renders
 * the pages: every distinct map is sent at once, in the order writePages reaches the pages (each
 * pass takes the same share of every list), and a page waits for its own map only. At 1,000
 * articles, drawing the maps took 1.4 s of the build thread. Few maps are drawn here (mapsHere).
 */
export function mapsOnWorker(archive: Archive): { maps: PageMaps; close(): Promise<void> } {
  const wanted: { at: number; job: MapJob }[] = [];
  for (const list of ['listings', 'articles'] as const) {
    const pages = archive[list];
    for (const [i, page] of pages.entries()) {
      const map = mapOf(page, list);
      if (map) wanted.push({ at: i / pages.length, job: { key: keyOf(...map), kind: map[0], spec: map[1] } });
    }
  }
  // The first page to ask for a map decides its place; a map asked again keeps it.
  const jobs = [...new Map(wanted.sort((a, b) => a.at - b.at).map(({ job }) => [job.key, job])).values()];
  if (jobs.length < WORKER_MAPS) return { maps: mapsHere, close: async () => {} };

  const svgs = new Map<string, string>();
  const waiting = new Map<string, { resolve(svg: string): void; reject(error: Error): void }[]>();
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiters of waiting.values()) for (const w of waiters) w.reject(failure);
    waiting.clear();
  };
  const worker = startWorker('./maps-worker', import.meta.url);
  worker.on('message', (result: MapResult) => {
    if ('error' in result) return fail(new Error(result.error));
    svgs.set(result.key, result.svg);
    for (const w of waiting.get(result.key) ?? []) w.resolve(result.svg);
    waiting.delete(result.key);
    // Its outlines and code are let go as soon as the last map is drawn.
    if (svgs.size === jobs.length) void worker.terminate();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (svgs.size < jobs.length) fail(new Error(`The maps worker stopped (exit code ${code}).`));
  });
  worker.postMessage(jobs);
  const maps: PageMaps = async (page, list) => {
    const map = mapOf(page, list);
    if (!map) return undefined;
    const key = keyOf(...map);
    const svg = svgs.get(key);
    if (svg !== undefined) return svg;
    if (failure) throw failure;
    return new Promise((resolve, reject) => waiting.set(key, [...(waiting.get(key) ?? []), { resolve, reject }]));
  };
  return { maps, close: () => worker.terminate().then(() => undefined) };
}
