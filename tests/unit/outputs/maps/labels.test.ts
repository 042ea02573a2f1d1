import { describe, expect, it } from 'vitest';
import { estimateWidth, type LabelOptions, placeLabels } from '../../../../src/outputs/maps/labels.ts';

const options: LabelOptions = { width: 640, height: 480, fontSize: 13, radius: 5 };

/** The box a placed label covers, by the same estimate the placement used. */
function box(text: string, l: { x: number; y: number; anchor: string }) {
  const w = estimateWidth(text, options.fontSize);
  const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
  return { x0, x1: x0 + w, y0: l.y - options.fontSize * 0.75, y1: l.y + options.fontSize * 0.25 };
}

describe('placeLabels', () => {
  it('keeps the labels of three close points (the Andarab districts) apart and off the points', () => {
    const points = [
      { x: 390.8, y: 168.3, text: 'Banu' },
      { x: 399.5, y: 169, text: 'Pol-e-Hesar' },
      { x: 393, y: 165.4, text: 'De Salah' },
    ];
    const boxes = placeLabels(points, options).map((l, i) => box(points[i]!.text, l));
    for (const [i, a] of boxes.entries()) {
      for (const [j, b] of boxes.entries()) {
        if (i < j) expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, `${i} and ${j} overlap`).toBe(true);
      }
      for (const p of points) {
        const clear = a.x1 <= p.x - 5 || a.x0 >= p.x + 5 || a.y1 <= p.y - 5 || a.y0 >= p.y + 5;
        expect(clear, `label ${i} covers ${p.text}`).toBe(true);
      }
    }
  });

  it('keeps a label near the right edge inside the map', () => {
    const [l] = placeLabels([{ x: 636, y: 240, text: 'A long place name' }], options);
    const b = box('A long place name', l!);
    expect(b.x0).toBeGreaterThanOrEqual(0);
    expect(b.x1).toBeLessThanOrEqual(640);
  });
});
