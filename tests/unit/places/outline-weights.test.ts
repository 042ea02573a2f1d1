import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTLINE_WEIGHTS, outlineWeights } from '../../../src/places/country-outlines.ts';

describe('the country outlines’ point weights (data/country-outline-weights.f64)', () => {
  it('are what topojson-simplify computes from world-atlas now (else: npm run outlines)', () => {
    const shipped = readFileSync(OUTLINE_WEIGHTS);
    const computed = outlineWeights();
    expect(shipped.byteLength).toBe(computed.length * 8);
    expect(Buffer.from(computed.buffer).equals(shipped)).toBe(true);
    // Every arc keeps its ends; the rest are areas on the unit sphere.
    expect(computed.filter((w) => w === Number.POSITIVE_INFINITY).length).toBeGreaterThan(1000);
    expect(computed.every((w) => w >= 0)).toBe(true);
  });
});
