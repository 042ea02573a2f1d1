import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTRY_VIEWS, readCountryViews, writeCountryViews } from '../../../../src/outputs/maps/country-views.ts';
import { drawBaseLayers, layOutCountryViews, layoutMap, outlinesKey } from '../../../../src/outputs/maps/render-map.ts';

const shipped = readCountryViews(COUNTRY_VIEWS);

describe('every country’s own maps, laid out and drawn ahead (data/country-views.txt)', () => {
  it('are what render-map.ts lays out and draws now, for every country and both kinds (else: npm run outlines)', () => {
    const computed = layOutCountryViews();
    // 235 countries with an ISO 3166-1 code and an outline, a place map and a locator each.
    expect(computed.size).toBe(470);
    expect([...shipped.keys()]).toEqual([...computed.keys()]);
    for (const [id, view] of computed) expect(shipped.get(id), id).toEqual(view);
  }, 60_000);

  it('serve the maps of points inside a country’s mainland, and only the view they were drawn for', () => {
    const banu = { id: 'af/baghlan/banu', name: 'Banu', lat: 35.63, lon: 69.26, url: '/places/af/baghlan/banu/' };
    for (const kind of ['place', 'locator'] as const) {
      const layout = layoutMap(kind, { points: [banu], countryIso: 'AF', title: 'Afghanistan' });
      const own = shipped.get(`${kind}:004`)!;
      expect(outlinesKey(layout)).toBe(own.key);
      expect(own.outlines).toEqual(drawBaseLayers(layout));
    }
    // A point outside the mainland widens the view: that one is computed.
    const havana = { id: 'cu/havana', name: 'Havana', lat: 23.13, lon: -82.38, url: '/places/cu/havana/' };
    const wide = layoutMap('place', { points: [banu, havana], countryIso: 'AF', title: 'Afghanistan' });
    expect([...shipped.values()].some((v) => v.key === outlinesKey(wide))).toBe(false);
  });

  it('are read back as they were written, and a missing file means every map is computed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'views-'));
    try {
      const views = new Map([...shipped].slice(0, 3));
      writeCountryViews(join(dir, 'v.txt'), views);
      expect(readCountryViews(join(dir, 'v.txt'))).toEqual(views);
      expect(readCountryViews(join(dir, 'missing.txt')).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
