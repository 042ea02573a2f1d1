/**
 * The outlines of every country's own map, drawn ahead of time (`npm run outlines`): a place map
 * and a locator of a country whose points lie in its mainland show the same view on every site,
 * and drawing one (simplifying the world's outlines at its scale, projecting and clipping the
 * countries in its frame) took 20-140 ms. A test fails while the file differs from what
 * render-map.ts draws now.
 *
 * The file: a first line, the JSON list of `[key, land length, focus length]` in order, then the
 * path data of each, one after the other (ASCII). A key is the view's own (render-map.ts's
 * `outlinesKey`: the frame, projection and scale, and the country in focus), so a view that
 * differs in anything is drawn, never taken from here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.ts';
import type { Outlines } from './render-map.ts';

/** Where they are kept. */
export const COUNTRY_VIEW_OUTLINES = join(PACKAGE_ROOT, 'data/country-view-outlines.txt');

let shipped: Map<string, Outlines> | undefined;

/** The outlines drawn ahead for the view `key`, if it is a country's own. */
export function shippedOutlines(key: string): Outlines | undefined {
  shipped ??= readOutlines(COUNTRY_VIEW_OUTLINES);
  return shipped.get(key);
}

/** Reads a file of outlines (empty when there is none: every map is then drawn). */
export function readOutlines(file: string): Map<string, Outlines> {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    return new Map();
  }
  const newline = text.indexOf('\n');
  const index = JSON.parse(text.slice(0, newline)) as [string, number, number][];
  const outlines = new Map<string, Outlines>();
  let at = newline + 1;
  for (const [key, land, focus] of index) {
    outlines.set(key, { land: text.slice(at, at + land), focus: text.slice(at + land, at + land + focus) });
    at += land + focus;
  }
  return outlines;
}

/** Writes outlines by key, in the order given. */
export function writeOutlines(file: string, outlines: ReadonlyMap<string, Outlines>): void {
  const index = [...outlines].map(([key, o]) => [key, o.land.length, o.focus.length]);
  const body = [...outlines.values()].map((o) => o.land + o.focus).join('');
  writeFileSync(file, `${JSON.stringify(index)}\n${body}`, 'latin1');
}
