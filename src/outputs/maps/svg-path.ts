/**
 * A d3-geo path context that writes compact SVG path data: coordinates rounded to 0.1 user
 * units, relative commands, repeated points dropped, rings that round away to nothing skipped.
 * Rounding happens on absolute positions (integer tenths), so relative steps never drift.
 */
export class SvgPathContext {
  private out = '';
  /** The ring being drawn, in integer tenths. */
  private ring: [number, number][] = [];
  /** Current point of the pen, in integer tenths (after the last written subpath). */
  private penX = 0;
  private penY = 0;

  moveTo(x: number, y: number): void {
    this.flush(false);
    this.ring = [[Math.round(x * 10), Math.round(y * 10)]];
  }

  lineTo(x: number, y: number): void {
    const p: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
    const last = this.ring[this.ring.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) return;
    this.ring.push(p);
  }

  closePath(): void {
    this.flush(true);
  }

  /** d3 calls this only for Point geometries, which the maps never draw as paths. */
  arc(): void {}

  /** Part of the canvas-like interface d3 expects; nothing to do for SVG. */
  beginPath(): void {}

  /** The path data written so far (empty when nothing was visible). */
  result(): string {
    this.flush(false);
    return this.out;
  }

  private flush(closed: boolean): void {
    const ring = this.ring;
    this.ring = [];
    if (closed) {
      while (ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!)) ring.pop();
      if (ring.length < 3) return;
    } else if (ring.length < 2) {
      return;
    }
    const [start] = ring as [[number, number]];
    let d = `m${pair(start[0] - this.penX, start[1] - this.penY)}`;
    let [x, y] = start;
    for (let i = 1; i < ring.length; i++) {
      const [nx, ny] = ring[i]!;
      d += join(pair(nx - x, ny - y));
      x = nx;
      y = ny;
    }
    if (closed) {
      d += 'z';
      [x, y] = start;
    }
    this.out += d;
    this.penX = x;
    this.penY = y;
  }
}

function same(a: [number, number], b: [number, number]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A number of tenths as the shortest decimal: 15 → "1.5", -5 → "-.5", 20 → "2", 0 → "0". */
export function tenths(n: number): string {
  if (n === 0) return '0';
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  return sign + (whole === 0 ? '' : String(whole)) + (frac === 0 ? '' : `.${frac}`);
}

function pair(dx: number, dy: number): string {
  const x = tenths(dx);
  const y = tenths(dy);
  return x + (y.startsWith('-') ? '' : ' ') + y;
}

/** The next pair with its separator: none is needed before a minus sign. */
function join(next: string): string {
  return next.startsWith('-') ? next : ` ${next}`;
}
