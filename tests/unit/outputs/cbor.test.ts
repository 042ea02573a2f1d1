import { decode, encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { type CborValue, decodeCbor, encodeCbor, UnsupportedCbor } from '../../../src/outputs/search/cbor.ts';

/** Integers at every boundary of CBOR's lengths, both signs, text in several scripts, nesting. */
const VALUES: CborValue[] = [
  0,
  23,
  24,
  255,
  256,
  65_535,
  65_536,
  4_294_967_295,
  4_294_967_296,
  Number.MAX_SAFE_INTEGER,
  -1,
  -24,
  -25,
  -256,
  -257,
  -65_537,
  -4_294_967_297,
  '',
  'a',
  'x'.repeat(23),
  'x'.repeat(24),
  'y'.repeat(300),
  'mazār',
  'پل حصار',
  'Zürich 19٪',
  '😀',
  [],
  [[]],
  [0, [1, [2, ['three']]]],
  [
    'pagefind',
    [
      [3, [1, 5, 900], [-2]],
      [70_000, [], []],
    ],
  ],
];

describe('encodeCbor and decodeCbor', () => {
  it.each(VALUES.map((v) => [JSON.stringify(v), v] as const))('write and read %s as cborg does', (_, value) => {
    const bytes = encodeCbor(value);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(encode(value)).toString('hex'));
    expect(decodeCbor(bytes)).toEqual(decode(bytes));
  });

  it('leaves what they do not read to cborg: a map, a float, a boolean, trailing bytes', () => {
    for (const value of [{ a: 1 }, 1.5, true, null]) expect(() => decodeCbor(encode(value))).toThrow(UnsupportedCbor);
    expect(() => decodeCbor(Uint8Array.from([0x01, 0x02]))).toThrow(UnsupportedCbor);
    expect(() => encodeCbor(1.5)).toThrow(/Not an integer/);
  });
});
