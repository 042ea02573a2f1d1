/**
 * Every country's own maps, laid out and their outlines drawn ahead of time (`npm run outlines`):
 * a place map or a locator of a country whose points lie in its mainland shows the same view on
 * every site. Fitting that view to the country's full outline took 5-30 ms, and drawing its
 * outlines (the world simplified at its scale, the countries in its frame projected and clipped)
 * 20-140 ms: together 0.45 s of the example's 1.5 s build. A test fails while the file differs
 * from what render-map.ts computes.
 *
 * The file: a first line, the JSON list of `[kind:country, outlines key, view, mainland box, land
 * length, focus length]`, then the path data of each, one after the other (ASCII). Outlines are
 * found by their view's own key (render-map.ts's `outlinesKey`: frame, projection, scale and the
 * country in focus), so a view that differs in anything is drawn, never taken from here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.ts';
import type { Box, MapKind, Outlines, ViewParams } from './render-map.ts';

/** Where they are kept. */
export const COUNTRY_VIEWS = join(PACKAGE_ROOT, 'data/country-views.txt');

/** A country's own view of one kind: its mainland's box (points inside it take this view), the view, its outlines. */
export interface CountryView {
  main: Box;
  params: ViewParams;
  /** The view's outlinesKey. */
  key: string;
  outlines: Outlines;
}

let shipped: { views: Map<string, CountryView>; outlines: Map<string, Outlines> } | undefined;

function load() {
  if (!shipped) {
    const views = readCountryViews(COUNTRY_VIEWS);
    shipped = { views, outlines: new Map([...views.values()].map((v) => [v.key, v.outlines])) };
  }
  return shipped;
}

/** A country's own view of a kind, by its world-atlas id, when it was laid out ahead. */
export function shippedView(kind: MapKind, focusId: string): CountryView | undefined {
  return load().views.get(`${kind}:${focusId}`);
}

/** The outlines drawn ahead for the view `key` (an outlinesKey), if it is a country's own. */
export function shippedOutlines(key: string): Outlines | undefined {
  return load().outlines.get(key);
}

/** Reads a file of country views, by `kind:country` (empty when there is none: every map is then computed). */
export function readCountryViews(file: string): Map<string, CountryView> {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    return new Map();
  }
  const newline = text.indexOf('\n');
  const index = JSON.parse(text.slice(0, newline)) as [string, string, ViewParams, Box, number, number][];
  const views = new Map<string, CountryView>();
  let at = newline + 1;
  for (const [id, key, params, main, land, focus] of index) {
    const outlines = { land: text.slice(at, at + land), focus: text.slice(at + land, at + land + focus) };
    views.set(id, { main, params, key, outlines });
    at += land + focus;
  }
  return views;
}

/** Writes country views by `kind:country`, in the order given. */
export function writeCountryViews(file: string, views: ReadonlyMap<string, CountryView>): void {
  const index = [...views].map(([id, v]) => [id, v.key, v.params, v.main, v.outlines.land.length, v.outlines.focus.length]);
  const body = [...views.values()].map((v) => v.outlines.land + v.outlines.focus).join('');
  if (!/^[\x20-\x7e]*$/.test(body)) throw new Error('Path data is ASCII: the file is read as Latin-1 by offsets.');
  writeFileSync(file, `${JSON.stringify(index)}\n${body}`, 'latin1');
}
