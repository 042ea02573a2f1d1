import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { decode } from 'cborg';
import pMap from 'p-map';
import { decodeCbor, encodeCbor, UnsupportedCbor } from './cbor.ts';

/**
 * Merges Pagefind bundles written by separate Pagefind processes, each from a consecutive run of
 * the same list of records, into the bundle one process would have written from the whole list.
 *
 * Why: Pagefind (1.6) keeps several copies of every record's word positions while it builds an
 * index, about 300 KB a record here, so one process for a bundle of 5,000 records peaks at
 * 1.5 GiB, and a bundle cannot be smaller without adding to every first search (each merged bundle
 * adds an index chunk and a filter file). Indexing 1,000 records a process and merging bounds
 * Pagefind's memory without changing what the search page downloads.
 *
 * The files are Pagefind's own (gzip of `pagefind_dcd` then CBOR; names from SHA-1), read and
 * written as Pagefind 1.6.0 writes them — pinned in package.json; the tests compare a merge with
 * one process's bundle byte for byte after decompression, so an upgrade that changes the format
 * fails there. The structures, as 1.6.0 writes them:
 * - meta `pagefind.<lang>_<hash>.pf_meta`: [version, pages: [fragment hash, word count, ""],
 *   index chunks: [from, to, hash], filters: [name, hash], sorts: [key, page numbers], meta fields];
 * - index chunk `index/<hash>.pf_index`: [[word, pages, variants]], pages being
 *   [page number − the previous entry's, word positions, meta-field positions] and variants
 *   [[spelling, pages]] (accented spellings folded into the word); a chunk is cut once its pages
 *   hold 20,000 positions (each page counting its positions, meta positions, and one);
 * - filter `filter/<hash>.pf_filter`: [name, [[value, page numbers]]], values sorted;
 * - fragment `fragment/<hash>.pf_fragment`: the record as JSON, named by its content.
 */
export async function mergePagefindBundles(
  parts: readonly string[],
  outDir: string,
  sortValues: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  const loaded = await Promise.all(parts.map(readBundle));
  const first = loaded[0];
  if (!first) throw new Error('No Pagefind bundle to merge.');
  const { language, entry } = first;
  for (const part of loaded) {
    if (part.language !== language || part.meta[0] !== first.meta[0])
      throw new Error(`Pagefind bundles to merge differ in language or version: ${part.dir}`);
  }
  await mkdir(join(outDir, 'fragment'), { recursive: true });
  await mkdir(join(outDir, 'index'), { recursive: true });
  await mkdir(join(outDir, 'filter'), { recursive: true });

  const offsets: number[] = [];
  let total = 0;
  for (const part of loaded) {
    offsets.push(total);
    total += part.meta[1].length;
  }
  const fields = [...new Set(loaded.flatMap((p) => p.meta[5]))].sort(byBytes);
  const fieldMaps = loaded.map((p) => p.meta[5].map((f) => fields.indexOf(f)));

  const pages = await mergeFragments(loaded, outDir, language);
  const chunks = await mergeWords(loaded, offsets, fieldMaps, outDir, language);
  const filters = await mergeFilters(loaded, offsets, outDir, language);
  const sorts = Object.entries(sortValues).map(([key, values]) => {
    if (values.length !== total) throw new Error(`Sort "${key}" has ${values.length} values for ${total} records.`);
    if (values.every((v) => NUMBER.test(v))) throw new Error(`Sort "${key}" is numeric: merging numeric sorts is not supported.`);
    const order = values.map((_, page) => page).sort((a, b) => byBytes(values[a]!, values[b]!));
    return [key, order] as const;
  });
  const meta: Meta = [first.meta[0], pages, chunks, filters, sorts, fields];
  const metaBytes = encodeCbor(meta);
  const metaHash = `${language}_${pagefindHash(metaBytes).slice(0, language.length + 8)}`;
  await writeFile(join(outDir, `pagefind.${metaHash}.pf_meta`), await compress(metaBytes));

  const languages = entry.languages as Record<string, { hash: string; page_count: number }>;
  languages[language] = { ...languages[language]!, hash: metaHash, page_count: total };
  await writeFile(join(outDir, 'pagefind-entry.json'), JSON.stringify(entry));
  // Pagefind's scripts, styles and WebAssembly, the same in every part.
  for (const name of await readdir(first.dir)) {
    if (!/\.pf_meta$|^pagefind-entry\.json$|^(?:fragment|index|filter)$/.test(name))
      await rename(join(first.dir, name), join(outDir, name));
  }
}

type Meta = [
  version: string,
  pages: MetaPage[],
  chunks: [string, string, string][],
  filters: [string, string][],
  sorts: (readonly [string, number[]])[],
  fields: string[],
];
type MetaPage = [hash: string, wordCount: number, extra: string];
type WordPage = [pageDelta: number, locs: number[], metaLocs: number[]];
type Word = [word: string, pages: WordPage[], variants: [string, WordPage[]][]];

export interface Bundle {
  dir: string;
  language: string;
  entry: { languages: Record<string, unknown> };
  meta: Meta;
}

const SIGNATURE = Buffer.from('pagefind_dcd');
const CHUNK_POSITIONS = 20_000;
/** What Pagefind parses as a number (an integer or a float), making a sort numeric. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A bundle's entry file and meta file (a bundle of one language). */
export async function readBundle(dir: string): Promise<Bundle> {
  const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as Bundle['entry'];
  const [language, ...others] = Object.keys(entry.languages);
  if (!language || others.length > 0) throw new Error(`A Pagefind bundle to merge has one language: ${dir}`);
  const { hash } = entry.languages[language] as { hash: string };
  return { dir, language, entry, meta: await readPagefindFile<Meta>(join(dir, `pagefind.${hash}.pf_meta`)) };
}

/** Reads one of Pagefind's gzip+CBOR files. */
export async function readPagefindFile<T>(path: string): Promise<T> {
  const bytes = await promisify(gunzip)(await readFile(path));
  if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`Not a Pagefind index file: ${path}`);
  const cbor = bytes.subarray(SIGNATURE.length);
  try {
    return decodeCbor(cbor) as T;
  } catch (error) {
    // A file holding more than arrays, text and integers (none seen from Pagefind 1.6).
    if (error instanceof UnsupportedCbor) return decode(cbor) as T;
    throw error;
  }
}

/**
 * Compresses a merged file at zlib's default level: level 9 took 3.3 s for one 10,000-article
 * bundle's 17.6 MB of index chunks against 0.84 s, for 0.9 % fewer bytes (7.61 MB against 7.68;
 * Pagefind's own files are a little smaller than either).
 */
function compress(cbor: Uint8Array): Promise<Buffer> {
  return promisify(gzip)(Buffer.concat([SIGNATURE, cbor]), { level: 6 });
}

/** Pagefind's file hash: SHA-1, each byte in hex without padding (Rust's `{:x?}`). */
function pagefindHash(bytes: Uint8Array | string): string {
  let hex = '';
  for (const byte of createHash('sha1').update(bytes).digest()) hex += byte.toString(16);
  return hex;
}

/** A hash `<lang>_` and 7 characters long, made one character longer while it collides (as Pagefind does). */
function uniqueName(full: string, language: string, taken: Set<string>): string {
  let length = language.length + 8;
  let name = `${language}_${full}`.slice(0, length);
  while (taken.has(name) && length < language.length + 1 + full.length) name = `${language}_${full}`.slice(0, ++length);
  taken.add(name);
  return name;
}

/** UTF-8 byte order (Rust's string order), which equals code point order. */
function byBytes(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : a > b ? 1 : 0;
}
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Moves every part's fragments into the merged bundle. A name taken by an earlier part's fragment
 * is made longer from the fragment's full hash, as Pagefind does within one process.
 */
async function mergeFragments(loaded: readonly Bundle[], outDir: string, language: string): Promise<MetaPage[]> {
  const taken = new Set<string>();
  const pages: MetaPage[] = [];
  for (const part of loaded) {
    const moves: [string, string][] = [];
    for (const [hash, wordCount, extra] of part.meta[1]) {
      const name = taken.has(hash)
        ? uniqueName(await fragmentHash(join(part.dir, 'fragment', `${hash}.pf_fragment`)), language, taken)
        : hash;
      taken.add(name);
      pages.push([name, wordCount, extra]);
      moves.push([hash, name]);
    }
    await pMap(
      moves,
      ([from, to]) => rename(join(part.dir, 'fragment', `${from}.pf_fragment`), join(outDir, 'fragment', `${to}.pf_fragment`)),
      {
        concurrency: 16,
      },
    );
  }
  return pages;
}

async function fragmentHash(path: string): Promise<string> {
  return pagefindHash((await promisify(gunzip)(await readFile(path))).subarray(SIGNATURE.length));
}

/** One part's words in order, reading its index chunks one at a time. */
class WordReader {
  private chunk = 0;
  private words: Word[] = [];
  private next = 0;

  constructor(private readonly part: Bundle) {}

  async head(): Promise<Word | undefined> {
    while (this.next >= this.words.length) {
      const chunk = this.part.meta[2][this.chunk++];
      if (!chunk) return undefined;
      [this.words] = await readPagefindFile<[Word[]]>(join(this.part.dir, 'index', `${chunk[2]}.pf_index`));
      this.next = 0;
    }
    return this.words[this.next];
  }

  advance(): void {
    this.next++;
  }
}

/**
 * Merges the parts' words in Pagefind's order (UTF-8 bytes), renumbering pages and meta fields,
 * and writes the index chunks as they fill; returns the meta's chunk list.
 */
async function mergeWords(
  loaded: readonly Bundle[],
  offsets: readonly number[],
  fieldMaps: readonly number[][],
  outDir: string,
  language: string,
) {
  const readers = loaded.map((part) => new WordReader(part));
  const chunks: [string, string, string][] = [];
  const taken = new Set<string>();
  const pending: Promise<void>[] = [];
  let words: Word[] = [];
  let size = 0;
  const flush = async () => {
    const bytes = encodeCbor([words]);
    const hash = uniqueName(pagefindHash(bytes), language, taken);
    chunks.push([words[0]![0], words[words.length - 1]![0], hash]);
    pending.push(compress(bytes).then((gz) => writeFile(join(outDir, 'index', `${hash}.pf_index`), gz)));
    if (pending.length >= 8) await Promise.all(pending.splice(0));
    words = [];
    size = 0;
  };
  for (;;) {
    const heads = await Promise.all(readers.map((r) => r.head()));
    let least: string | undefined;
    for (const head of heads) if (head && (least === undefined || byBytes(head[0], least) < 0)) least = head[0];
    if (least === undefined) break;
    const pages: WordPage[] = [];
    const variants = new Map<string, { pages: WordPage[]; last: number }>();
    let last = 0;
    heads.forEach((head, i) => {
      if (head?.[0] !== least) return;
      readers[i]!.advance();
      last = appendPages(pages, head[1], offsets[i]!, last, fieldMaps[i]!);
      for (const [spelling, spellingPages] of head[2]) {
        let variant = variants.get(spelling);
        if (!variant) variants.set(spelling, (variant = { pages: [], last: 0 }));
        variant.last = appendPages(variant.pages, spellingPages, offsets[i]!, variant.last, fieldMaps[i]!);
      }
    });
    const word: Word = [least, pages, [...variants].map(([spelling, v]) => [spelling, v.pages])];
    words.push(word);
    size += positions(pages) + word[2].reduce((n, [, v]) => n + positions(v), 0);
    if (size >= CHUNK_POSITIONS) await flush();
  }
  if (words.length > 0) await flush();
  await Promise.all(pending);
  // Each chunk's range shortened to the prefixes that tell it from its neighbours. A `to` shorter
  // than the chunk's own `from` (the last word shares the first's prefix) stays the whole word.
  for (let i = 0; i + 1 < chunks.length; i++) {
    const [to, from] = distinguishingPrefixes(chunks[i]![1], chunks[i + 1]![0]);
    if (byBytes(to, chunks[i]![0]) >= 0) chunks[i]![1] = to;
    chunks[i + 1]![0] = from;
  }
  return chunks;
}

/** Appends a part's pages (delta-coded) to a merged list ending at page `last`; returns its new last page. */
function appendPages(target: WordPage[], pages: readonly WordPage[], offset: number, last: number, fieldMap: readonly number[]): number {
  let page = offset;
  for (const [delta, locs, metaLocs] of pages) {
    page += delta;
    target.push([page - last, locs, metaLocs.map((n) => (n < 0 ? -fieldMap[-n - 1]! - 1 : n))]);
    last = page;
  }
  return last;
}

/** What a word's pages count towards a chunk's size. */
function positions(pages: readonly WordPage[]): number {
  let n = 0;
  for (const [, locs, metaLocs] of pages) n += locs.length + metaLocs.length + 1;
  return n;
}

/** The shortest prefixes that tell two neighbouring chunks apart (Pagefind's `get_prefixes`), in code points. */
function distinguishingPrefixes(to: string, from: string): [string, string] {
  const a = Array.from(to);
  const b = Array.from(from);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [a.slice(0, common + 1).join(''), b.slice(0, common + 1).join('')];
}

/** Merges each filter's values across the parts, pages renumbered; returns the meta's filter list. */
async function mergeFilters(
  loaded: readonly Bundle[],
  offsets: readonly number[],
  outDir: string,
  language: string,
): Promise<[string, string][]> {
  const merged = new Map<string, Map<string, number[]>>();
  for (const [i, part] of loaded.entries()) {
    for (const [name, hash] of part.meta[3]) {
      const [, values] = await readPagefindFile<[string, [string, number[]][]]>(join(part.dir, 'filter', `${hash}.pf_filter`));
      let byValue = merged.get(name);
      if (!byValue) merged.set(name, (byValue = new Map()));
      for (const [value, pages] of values) {
        let list = byValue.get(value);
        if (!list) byValue.set(value, (list = []));
        for (const page of pages) list.push(page + offsets[i]!);
      }
    }
  }
  const taken = new Set<string>();
  const filters: [string, string][] = [];
  for (const name of [...merged.keys()].sort(byBytes)) {
    const values = [...merged.get(name)!].sort(([a], [b]) => byBytes(a, b));
    const bytes = encodeCbor([name, values]);
    const hash = uniqueName(pagefindHash(bytes), language, taken);
    await writeFile(join(outDir, 'filter', `${hash}.pf_filter`), await compress(bytes));
    filters.push([name, hash]);
  }
  return filters;
}
