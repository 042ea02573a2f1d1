import { geoContains, geoPath } from 'd3-geo';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as textOf } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { layoutMap, type MapInput, type MapPoint, renderLocatorMap, renderPlaceMap } from '../../../../src/outputs/maps/render-map.ts';
import { countryFeature } from '../../../../src/places/country-outlines.ts';
import { gazetteer } from '../../../helpers/check.ts';

/** A gazetteer place as the archive's GeoPoint (lat/lon straight from content/places/af.yaml). */
function point(id: string): MapPoint {
  const place = gazetteer.get(id);
  if (!place || place.lat === undefined || place.lon === undefined) throw new Error(`no coordinates for ${id}`);
  return { id, name: place.names.en ?? id, lat: place.lat, lon: place.lon, url: `/places/${id}/` };
}

const andarab = ['af/baghlan/banu', 'af/baghlan/pol-e-hesar', 'af/baghlan/de-salah'].map(point);
const afghanistan: MapInput = { points: andarab, countryIso: 'AF', title: 'Afghanistan' };

/** Parses map markup as the browser would, inside an HTML body, and returns the `<svg>`. */
function parse(markup: string): Element {
  const tree: Root = fromHtml(`<!doctype html><html lang="en"><title>t</title><body>${markup}</body></html>`);
  const svgs = selectAll('svg', tree);
  expect(svgs).toHaveLength(1);
  return svgs[0]!;
}

function attr(el: Element, name: string): string {
  const v = el.properties[name];
  if (v === undefined || v === null) throw new Error(`<${el.tagName}> has no ${name}`);
  return Array.isArray(v) ? v.join(' ') : String(v);
}

function viewBox(svg: Element): [number, number, number, number] {
  const parts = attr(svg, 'viewBox').split(/\s+/).map(Number);
  expect(parts).toHaveLength(4);
  return parts as [number, number, number, number];
}

/** Every marker circle with its centre, name (its `<title>`) and link, if any. */
function markers(svg: Element): { cx: number; cy: number; r: number; name: string; href?: string }[] {
  return selectAll('circle.map-point', svg).map((circle) => {
    const link = selectAll('a', svg).find((a) => a.children.includes(circle));
    const title = link ? select(':scope > title', link) : select('title', circle);
    return {
      cx: Number(attr(circle, 'cx')),
      cy: Number(attr(circle, 'cy')),
      r: Number(attr(circle, 'r')),
      name: title ? textOf(title) : '',
      href: link ? attr(link, 'href') : undefined,
    };
  });
}

function expectInsideViewBox(svg: Element): void {
  const [x0, y0, w, h] = viewBox(svg);
  for (const m of markers(svg)) {
    expect(m.cx - m.r, m.name).toBeGreaterThanOrEqual(x0);
    expect(m.cy - m.r, m.name).toBeGreaterThanOrEqual(y0);
    expect(m.cx + m.r, m.name).toBeLessThanOrEqual(x0 + w);
    expect(m.cy + m.r, m.name).toBeLessThanOrEqual(y0 + h);
  }
}

/** The text alternative: the element aria-labelledby points at, which must be inside the SVG. */
function accessibleName(svg: Element): string {
  const ids = attr(svg, 'ariaLabelledBy').split(/\s+/);
  return ids
    .map((id) => {
      const target = selectAll('[id]', svg).find((el) => el.properties.id === id);
      expect(target, `aria-labelledby ${id}`).toBeDefined();
      expect(target!.tagName).toBe('title');
      return textOf(target!);
    })
    .join(' ');
}

describe('renderPlaceMap: Afghanistan with the three Andarab districts', () => {
  const markup = renderPlaceMap(afghanistan);
  const svg = parse(markup);

  it('is an SVG named by its title and described by its desc', () => {
    expect(markup.startsWith('<svg')).toBe(true);
    expect(accessibleName(svg)).toBe('Map of Afghanistan showing Banu, Pol-e-Hesar and De Salah');
    const desc = selectAll('[id]', svg).find((el) => el.properties.id === attr(svg, 'ariaDescribedBy'));
    expect(desc?.tagName).toBe('desc');
    expect(textOf(desc!)).toContain('Afghanistan');
    expect(textOf(desc!)).toContain('Banu (35.63° N, 69.26° E)');
  });

  it('is a group, not an image, because it holds links (axe: nested-interactive)', () => {
    expect(attr(svg, 'role')).toBe('group');
  });

  it('marks each place with a circle linked to its page and titled with its name', () => {
    expect(markers(svg).map(({ name, href }) => ({ name, href }))).toEqual([
      { name: 'Banu', href: '/places/af/baghlan/banu/' },
      { name: 'Pol-e-Hesar', href: '/places/af/baghlan/pol-e-hesar/' },
      { name: 'De Salah', href: '/places/af/baghlan/de-salah/' },
    ]);
  });

  it('labels the places (three, at most eight)', () => {
    expect(selectAll('text.map-label', svg).map((t) => textOf(t))).toEqual(['Banu', 'Pol-e-Hesar', 'De Salah']);
  });

  it('draws the country and its neighbours with classes only, no inline style or colour', () => {
    expect(select('path.map-focus', svg)).toBeDefined();
    expect(select('path.map-land', svg)).toBeDefined();
    expect(selectAll('[style], [fill], [stroke], style', svg)).toHaveLength(0);
  });

  it('puts Banu (35.63° N, 69.26° E) in north-eastern Afghanistan, not in the sea', () => {
    const af = countryFeature('AF')!;
    const banu = andarab[0]!;
    // GeoJSON order is [lon, lat].
    expect(geoContains(af, [banu.lon, banu.lat])).toBe(true);
    expect(geoContains(af, [banu.lat, banu.lon])).toBe(false);

    const layout = layoutMap('place', afghanistan);
    const [[x0, y0], [x1, y1]] = geoPath(layout.projection).bounds(af);
    const m = markers(svg).find((p) => p.name === 'Banu')!;
    expect(m.cx).toBeGreaterThan(x0);
    expect(m.cx).toBeLessThan(x1);
    expect(m.cy).toBeGreaterThan(y0);
    expect(m.cy).toBeLessThan(y1);
    // North-east: right of and above the middle of the country's outline.
    expect(m.cx).toBeGreaterThan((x0 + x1) / 2);
    expect(m.cy).toBeLessThan((y0 + y1) / 2);
    // And the pixel taken back through the projection is still inside Afghanistan.
    expect(geoContains(af, layout.projection.invert!([m.cx, m.cy])!)).toBe(true);
  });

  it('keeps every point inside the viewBox', () => {
    expectInsideViewBox(svg);
  });

  it('gives the same bytes on every call', () => {
    expect(renderPlaceMap(afghanistan)).toBe(markup);
    expect(renderPlaceMap({ ...afghanistan, points: [...andarab] })).toBe(markup);
  });

  it('rounds coordinates to one decimal', () => {
    for (const circle of selectAll('circle', svg)) {
      expect(attr(circle, 'cx')).toMatch(/^\d+(\.\d)?$/);
      expect(attr(circle, 'cy')).toMatch(/^\d+(\.\d)?$/);
    }
    for (const path of selectAll('path', svg)) expect(attr(path, 'd')).not.toMatch(/\.\d\d/);
  });

  it('stays under 40 KB', () => {
    expect(Buffer.byteLength(markup)).toBeLessThan(40_000);
  });
});

describe('renderPlaceMap: text and ids', () => {
  it('escapes names with &, <, quotes and Persian script', () => {
    const tricky: MapPoint = { id: 'x', name: 'Tom & <Jerry> "Q" پل حصار', lat: 35.6, lon: 69.4, url: '/places/x/?a=1&b="2"' };
    const markup = renderPlaceMap({ points: [tricky], countryIso: 'AF', title: 'A & <B>' });
    expect(markup).not.toContain('<Jerry>');
    expect(markup).not.toContain('<B>');
    expect(markup).not.toContain('& ');
    const svg = parse(markup);
    expect(accessibleName(svg)).toBe('Map of A & <B> showing Tom & <Jerry> "Q" پل حصار');
    expect(markers(svg)).toEqual([expect.objectContaining({ name: 'Tom & <Jerry> "Q" پل حصار', href: '/places/x/?a=1&b="2"' })]);
    expect(selectAll('text.map-label', svg).map((t) => textOf(t))).toEqual(['Tom & <Jerry> "Q" پل حصار']);
    // Nothing leaked out of the SVG as extra elements.
    expect(selectAll('svg *', svg).every((el) => ['title', 'desc', 'path', 'g', 'a', 'circle', 'text'].includes(el.tagName))).toBe(true);
  });

  it('prefixes every id so that two maps on a page do not clash', () => {
    const a = parse(renderPlaceMap({ ...afghanistan, idPrefix: 'place-map' }));
    const b = parse(renderLocatorMap(afghanistan));
    const ids = [...selectAll('[id]', a), ...selectAll('[id]', b)].map((el) => String(el.properties.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(attr(a, 'ariaLabelledBy')).toBe('place-map-title');
    expect(() => renderPlaceMap({ ...afghanistan, idPrefix: 'two words' })).toThrow(/idPrefix/);
  });

  it('lists up to eight places by name, then counts them; labels only up to eight', () => {
    const many = Array.from(
      { length: 9 },
      (_, i): MapPoint => ({ id: `p${i}`, name: `Place ${i}`, lat: 33 + i * 0.4, lon: 63 + i * 0.9, url: `/p${i}/` }),
    );
    const svg = parse(renderPlaceMap({ points: many, countryIso: 'AF', title: 'Afghanistan' }));
    expect(accessibleName(svg)).toBe('Map of Afghanistan showing 9 places');
    expect(selectAll('text.map-label', svg)).toHaveLength(0);
    expect(markers(svg)).toHaveLength(9);
    expectInsideViewBox(svg);
  });

  it('is an image, with no links, when asked not to link the points', () => {
    const svg = parse(renderPlaceMap({ ...afghanistan, linkPoints: false }));
    expect(attr(svg, 'role')).toBe('img');
    expect(selectAll('a', svg)).toHaveLength(0);
    expect(markers(svg).map((m) => m.name)).toEqual(['Banu', 'Pol-e-Hesar', 'De Salah']);
  });
});

describe('renderPlaceMap: fallbacks and extents', () => {
  const pristina: MapPoint = { id: 'xk/pristina', name: 'Pristina', lat: 42.67, lon: 21.17, url: '/places/xk/pristina/' };

  it.each(['XK', 'ZZ', 'GF', ''])('falls back to the points when world-atlas has no outline for %j', (iso) => {
    const svg = parse(renderPlaceMap({ points: [pristina], countryIso: iso, title: 'Kosovo' }));
    expect(select('path.map-focus', svg)).toBeUndefined();
    expect(select('path.map-land', svg)).toBeDefined();
    expect(markers(svg).map((m) => m.name)).toEqual(['Pristina']);
    expectInsideViewBox(svg);
    // Zoomed to the point, not the world: Pristina sits near the middle.
    const [, , w, h] = viewBox(svg);
    const [m] = markers(svg);
    expect(Math.abs(m!.cx - w / 2)).toBeLessThan(w / 4);
    expect(Math.abs(m!.cy - h / 2)).toBeLessThan(h / 4);
  });

  it('draws the world when there is neither a country nor a point', () => {
    const svg = parse(renderPlaceMap({ points: [], title: 'Nowhere' }));
    expect(accessibleName(svg)).toBe('Map of Nowhere');
    expect(select('path.map-land', svg)).toBeDefined();
  });

  it('widens the view to take in points far outside the country', () => {
    const kabul = point('af/kabul/kabul');
    const nippes: MapPoint = { id: 'ht/nippes', name: 'Nippes', lat: 18.446, lon: -73.09, url: '/places/ht/nippes/' };
    const svg = parse(renderPlaceMap({ points: [kabul, nippes], countryIso: 'AF', title: 'Afghanistan' }));
    expect(markers(svg)).toHaveLength(2);
    expectInsideViewBox(svg);
  });

  it('frames countries across the antimeridian narrowly (Fiji, Russia)', () => {
    const suva: MapPoint = { id: 'fj/suva', name: 'Suva', lat: -18.14, lon: 178.44, url: '/s/' };
    const taveuni: MapPoint = { id: 'fj/taveuni', name: 'Taveuni', lat: -16.85, lon: -179.97, url: '/t/' };
    const fiji = layoutMap('place', { points: [suva, taveuni], countryIso: 'FJ', title: 'Fiji' });
    const [a, b] = fiji.points;
    // A few degrees apart, so far more than a tenth of the map apart would mean a world view.
    expect(Math.hypot(a!.x - b!.x, a!.y - b!.y)).toBeGreaterThan(fiji.width / 10);
    const russia = renderPlaceMap({ points: [], countryIso: 'RU', title: 'Russia' });
    expect(Buffer.byteLength(russia)).toBeLessThan(40_000);
  });

  it('never puts a point outside the viewBox, for points anywhere and any country', () => {
    // A fixed pseudo-random sequence, so the test is the same on every run.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const isos = ['AF', 'US', 'RU', 'FJ', 'NZ', 'CL', 'NO', 'FR', 'ES', 'HT', 'ID', 'XK', undefined];
    const edges: [number, number][] = [
      [90, 0],
      [-90, 45],
      [0, 180],
      [0, -180],
      [-89.9, 179.9],
      [84, -179.99],
    ];
    for (let i = 0; i < 40; i++) {
      const n = 1 + Math.floor(random() * 4);
      const points = Array.from({ length: n }, (_, j): MapPoint => {
        const [lat, lon] = i < edges.length && j === 0 ? edges[i]! : [random() * 180 - 90, random() * 360 - 180];
        return { id: `${i}-${j}`, name: `P${j}`, lat, lon, url: '/' };
      });
      const countryIso = isos[i % isos.length];
      for (const render of [renderPlaceMap, renderLocatorMap]) {
        const svg = parse(render({ points, countryIso, title: 'T' }));
        expect(markers(svg)).toHaveLength(n);
        expectInsideViewBox(svg);
      }
    }
  });
});

describe('renderLocatorMap', () => {
  const markup = renderLocatorMap(afghanistan);
  const svg = parse(markup);

  it('is a small image of the country among its neighbours, with the points and no links', () => {
    expect(attr(svg, 'role')).toBe('img');
    expect(accessibleName(svg)).toBe('Locator map of Afghanistan showing Banu, Pol-e-Hesar and De Salah');
    expect(selectAll('a', svg)).toHaveLength(0);
    expect(markers(svg).map((m) => m.name)).toEqual(['Banu', 'Pol-e-Hesar', 'De Salah']);
    expect(select('path.map-focus', svg)).toBeDefined();
    expect(viewBox(svg)).toEqual([0, 0, 240, 180]);
    expectInsideViewBox(svg);
    expect(Buffer.byteLength(markup)).toBeLessThan(12_000);
  });

  it('is zoomed out: Afghanistan takes up a small part of the map', () => {
    const layout = layoutMap('locator', afghanistan);
    const [[x0, y0], [x1, y1]] = geoPath(layout.projection).bounds(countryFeature('AF')!);
    expect((x1 - x0) * (y1 - y0)).toBeLessThan((layout.width * layout.height) / 3);
    expect(x0).toBeGreaterThan(0);
    expect(x1).toBeLessThan(layout.width);
  });

  it('gives the same bytes on every call', () => {
    expect(renderLocatorMap(afghanistan)).toBe(markup);
  });
});

describe('countries with several features under one id', () => {
  it('takes Australia as the mainland and its islets, not the last islet alone', () => {
    const svg = renderPlaceMap({
      points: [{ id: 'au/nsw/sydney', name: 'Sydney', lat: -33.87, lon: 151.21, url: '/places/au/nsw/sydney/' }],
      countryIso: 'AU',
      title: 'Australia',
    });
    const australia = countryFeature('AU')!;
    expect(australia.geometry.type).toBe('MultiPolygon');
    expect(geoContains(australia, [151.21, -33.87])).toBe(true);
    expect(svg).toContain('Sydney');
  });
});
