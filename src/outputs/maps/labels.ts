/**
 * Greedy label placement for a few points: each label takes the first of eight positions around
 * its point that stays inside the map and overlaps no point and no label already placed (or, when
 * every position collides, the one that overlaps least). Text width is estimated, since no font
 * is at hand at build time; the estimate errs wide.
 */
export interface LabelPoint {
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelOptions {
  width: number;
  height: number;
  fontSize: number;
  /** Radius of the point markers. */
  radius: number;
}

/** Estimated advance width of a text in the font size (wide glyphs and CJK count more). */
export function estimateWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (
      c >= 0x1100 &&
      (c <= 0x115f ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xff00 && c <= 0xff60))
    )
      em += 1;
    else if (/\p{Lu}|[mwMW]/u.test(ch)) em += 0.72;
    else if (/[\s.,'’ilj|!]/u.test(ch)) em += 0.3;
    else em += 0.56;
  }
  return em * fontSize;
}

export function placeLabels(points: LabelPoint[], o: LabelOptions): PlacedLabel[] {
  const gap = o.radius + 3;
  const ascent = o.fontSize * 0.75;
  const descent = o.fontSize * 0.25;
  const obstacles: Box[] = points.map((p) => ({ x0: p.x - o.radius, y0: p.y - o.radius, x1: p.x + o.radius, y1: p.y + o.radius }));
  const placed: Box[] = [];
  return points.map((p) => {
    const w = estimateWidth(p.text, o.fontSize);
    const mid = ascent / 2 - descent / 2; // baseline offset that centres the text on the point
    const d = gap * Math.SQRT1_2;
    const candidates: PlacedLabel[] = [
      { x: p.x + gap, y: p.y + mid, anchor: 'start' },
      { x: p.x - gap, y: p.y + mid, anchor: 'end' },
      { x: p.x, y: p.y - gap - descent, anchor: 'middle' },
      { x: p.x, y: p.y + gap + ascent, anchor: 'middle' },
      { x: p.x + d, y: p.y - d - descent, anchor: 'start' },
      { x: p.x + d, y: p.y + d + ascent, anchor: 'start' },
      { x: p.x - d, y: p.y - d - descent, anchor: 'end' },
      { x: p.x - d, y: p.y + d + ascent, anchor: 'end' },
    ];
    let best: { label: PlacedLabel; box: Box; cost: number } | undefined;
    for (const candidate of candidates) {
      // Slide a label that would cross the left or right edge back inside.
      const left = candidate.anchor === 'start' ? candidate.x : candidate.anchor === 'end' ? candidate.x - w : candidate.x - w / 2;
      const shift = Math.max(1 - left, Math.min(0, o.width - 1 - (left + w)));
      const c = { ...candidate, x: candidate.x + shift };
      const box = { x0: left + shift, y0: c.y - ascent, x1: left + shift + w, y1: c.y + descent };
      let cost = box.y0 < 1 || box.y1 > o.height - 1 ? 1e9 : 0;
      for (const b of obstacles) cost += overlap(box, b);
      for (const b of placed) cost += overlap(box, b);
      if (!best || cost < best.cost) best = { label: c, box, cost };
      if (cost === 0) break;
    }
    placed.push(best!.box);
    return best!.label;
  });
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}
