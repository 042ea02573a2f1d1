/** What Pagefind's index files hold: arrays of text, integers and arrays. */
export type CborValue = string | number | readonly CborValue[];

/**
 * Encodes a value as CBOR the way Pagefind (and cborg) write it: definite lengths, each integer
 * and length in its shortest form (RFC 8949's preferred serialisation). Written for the merge of
 * index chunks, where cborg spent most of its time and garbage on a token object per value (2.4 s
 * and much of 4.9 s of collection for 10,000 records); the merge test compares every file with
 * the one Pagefind writes.
 */
export function encodeCbor(value: CborValue): Uint8Array {
  let bytes = Buffer.allocUnsafe(1 << 16);
  let at = 0;
  const room = (n: number) => {
    if (at + n <= bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, at + n));
    bytes.copy(grown, 0, 0, at);
    bytes = grown;
  };
  const head = (major: number, n: number) => {
    room(9);
    const type = major << 5;
    if (n < 24) bytes[at++] = type | n;
    else if (n < 0x100) {
      bytes[at++] = type | 24;
      bytes[at++] = n;
    } else if (n < 0x10000) {
      bytes[at++] = type | 25;
      at = bytes.writeUInt16BE(n, at);
    } else if (n < 0x100000000) {
      bytes[at++] = type | 26;
      at = bytes.writeUInt32BE(n, at);
    } else {
      bytes[at++] = type | 27;
      at = bytes.writeBigUInt64BE(BigInt(n), at);
    }
  };
  const write = (v: CborValue): void => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new Error(`Not an integer for a Pagefind index: ${v}`);
      if (v >= 0) head(0, v);
      else head(1, -1 - v);
    } else if (typeof v === 'string') {
      const length = Buffer.byteLength(v);
      head(3, length);
      room(length);
      at += bytes.write(v, at, 'utf8');
    } else {
      head(4, v.length);
      for (const item of v) write(item);
    }
  };
  write(value);
  return bytes.subarray(0, at);
}

/** A CBOR item decodeCbor does not read (a map, a float, a tag…): the caller decodes generically. */
export class UnsupportedCbor extends Error {}

/**
 * Decodes CBOR of arrays, text and integers (what encodeCbor writes), as plain arrays: for the
 * index chunks a merge reads, where cborg's tokens cost 1.4 s and their garbage more for 10,000
 * records. Anything else throws UnsupportedCbor.
 */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    if (info === 24) return buffer[at++]!;
    if (info === 25) {
      at += 2;
      return buffer.readUInt16BE(at - 2);
    }
    if (info === 26) {
      at += 4;
      return buffer.readUInt32BE(at - 4);
    }
    if (info === 27) {
      const n = Number(buffer.readBigUInt64BE(at));
      at += 8;
      if (!Number.isSafeInteger(n)) throw new UnsupportedCbor('an integer beyond 2^53');
      return n;
    }
    throw new UnsupportedCbor(`additional information ${info}`);
  };
  const read = (): CborValue => {
    if (at >= buffer.length) throw new UnsupportedCbor('truncated');
    const initial = buffer[at++]!;
    const major = initial >> 5;
    const n = length(initial & 31);
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 3) {
      at += n;
      return buffer.toString('utf8', at - n, at);
    }
    if (major === 4) {
      const items: CborValue[] = new Array(n);
      for (let i = 0; i < n; i++) items[i] = read();
      return items;
    }
    throw new UnsupportedCbor(`major type ${major}`);
  };
  const value = read();
  if (at !== buffer.length) throw new UnsupportedCbor('trailing bytes');
  return value;
}
