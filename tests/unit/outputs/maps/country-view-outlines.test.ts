import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTRY_VIEW_OUTLINES, readOutlines, writeOutlines } from '../../../../src/outputs/maps/country-view-outlines.ts';
import { drawBaseLayers, drawCountryViews, layoutMap, outlinesKey } from '../../../../src/outputs/maps/render-map.ts';

const shipped = readOutlines(COUNTRY_VIEW_OUTLINES);

describe('the outlines of each country’s own maps (data/country-view-outlines.txt)', () => {
  it('are what render-map.ts draws now, for every country and both kinds (else: npm run outlines)', () => {
    const drawn = drawCountryViews();
    // 235 countries with an ISO 3166-1 code and an outline, a place map and a locator each.
    expect(drawn.size).toBe(470);
    expect([...shipped.keys()]).toEqual([...drawn.keys()]);
    for (const [key, outlines] of drawn) expect(shipped.get(key), key).toEqual(outlines);
  }, 60_000);

  it('serve the maps of points inside a country’s mainland, and only the view they were drawn for', () => {
    const points = [{ id: 'af/baghlan/banu', name: 'Banu', lat: 35.63, lon: 69.26, url: '/places/af/baghlan/banu/' }];
    for (const kind of ['place', 'locator'] as const) {
      const layout = layoutMap(kind, { points, countryIso: 'AF', title: 'Afghanistan' });
      expect(shipped.get(outlinesKey(layout))).toEqual(drawBaseLayers(layout));
    }
    // A point outside the mainland widens the view: that one is drawn.
    const kabulAndHavana = [...points, { id: 'cu/havana', name: 'Havana', lat: 23.13, lon: -82.38, url: '/places/cu/havana/' }];
    const wide = layoutMap('place', { points: kabulAndHavana, countryIso: 'AF', title: 'Afghanistan' });
    expect(shipped.has(outlinesKey(wide))).toBe(false);
  });

  it('are read back as they were written, and a missing file means every map is drawn', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outlines-'));
    try {
      const outlines = new Map([
        ['a', { land: 'M1,2L3,4Z', focus: '' }],
        ['b', { land: '', focus: 'M5,6Z' }],
      ]);
      writeOutlines(join(dir, 'o.txt'), outlines);
      expect(readOutlines(join(dir, 'o.txt'))).toEqual(outlines);
      expect(readOutlines(join(dir, 'missing.txt')).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
