import { geoIdentity, geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { SvgPathContext, tenths } from '../../../../src/outputs/maps/svg-path.ts';

describe('tenths', () => {
  it.each([
    [0, '0'],
    [5, '.5'],
    [-5, '-.5'],
    [10, '1'],
    [15, '1.5'],
    [-123, '-12.3'],
  ])('writes %d tenths as %j', (n, text) => {
    expect(tenths(n)).toBe(text);
  });
});

/** Absolute points of path data written by SvgPathContext (relative m/l pairs and z only). */
function absolute(d: string): [number, number][][] {
  const rings: [number, number][][] = [];
  let x = 0;
  let y = 0;
  let start: [number, number] = [0, 0];
  for (const [, cmd, body] of d.matchAll(/([mz])([^mz]*)/g)) {
    if (cmd === 'z') {
      [x, y] = start;
      continue;
    }
    const nums = (body!.match(/-?(?:\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
    const ring: [number, number][] = [];
    for (let i = 0; i < nums.length; i += 2) {
      x = Math.round((x + nums[i]!) * 10) / 10;
      y = Math.round((y + nums[i + 1]!) * 10) / 10;
      ring.push([x, y]);
    }
    start = ring[0]!;
    rings.push(ring);
  }
  return rings;
}

describe('SvgPathContext', () => {
  it('writes rings with relative steps that add back up to the rounded absolute points', () => {
    const ctx = new SvgPathContext();
    const path = geoPath(geoIdentity(), ctx);
    path({
      type: 'Polygon',
      coordinates: [
        [
          [10.04, 20.06],
          [30.55, 20.06],
          [30.55, 5.01],
          [10.04, 20.06],
        ],
      ],
    });
    path({
      type: 'Polygon',
      coordinates: [
        [
          [100, 100],
          [101.26, 100],
          [101.26, 98.74],
          [100, 100],
        ],
      ],
    });
    const d = ctx.result();
    expect(d.startsWith('m') && d.endsWith('z')).toBe(true);
    expect(absolute(d)).toEqual([
      [
        [10, 20.1],
        [30.6, 20.1],
        [30.6, 5],
      ],
      [
        [100, 100],
        [101.3, 100],
        [101.3, 98.7],
      ],
    ]);
  });

  it('drops repeated points and rings that round away to nothing', () => {
    const ctx = new SvgPathContext();
    const path = geoPath(geoIdentity(), ctx);
    path({
      type: 'Polygon',
      coordinates: [
        [
          [1, 1],
          [1.01, 1.01],
          [1.02, 1],
          [1, 1],
        ],
      ],
    });
    expect(ctx.result()).toBe('');
    path({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.01, 0],
          [2, 0],
          [2, 2],
          [0, 0],
        ],
      ],
    });
    expect(ctx.result()).toBe('m0 0 2 0 0 2z');
  });
});
