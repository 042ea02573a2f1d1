import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBundle, pagefindPool, sortValuesOf, writePagefindBundle } from '../../../src/outputs/search/pagefind-bundle.ts';
import type { SearchRecord } from '../../../src/outputs/search/search-records.ts';

/** Every file of a bundle by path, Pagefind's gzip files decompressed. */
async function contents(dir: string): Promise<Map<string, string>> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const files = new Map<string, string>();
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    const bytes = await readFile(path);
    files.set(path.slice(dir.length), (/\.pf_\w+$/.test(e.name) ? gunzipSync(bytes) : bytes).toString('base64'));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A seeded generator, so the records are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const WORDS = [
  ...'the council market river bridge road school clinic water harvest election court report district province village'.split(' '),
  ...'mazār mazar Mazār-i-Sharif Pol-e-Hesar پل حصار کابل بغلان 1999 2021 19٪ café cafe naïve résumé São Paulo Zürich'.split(' '),
];

function records(count: number): SearchRecord[] {
  const next = random(7);
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 300 + Math.floor(next() * 400) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    const utc = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString();
    return {
      url: `/2021/${i}/`,
      content: `Report ${i} ${words.join(' ')}`,
      language: 'en',
      // A meta field only the later records have: the merged bundle numbers fields over all parts.
      meta: { title: `Report ${i} on ${words[0]}`, utc, ...(i > 60 && { image: `photo ${words[1]}` }) },
      filters: { month: [utc.slice(0, 7)], place: [WORDS[i % WORDS.length]!, 'Afghanistan'] },
      sort: { date: `${utc} /2021/${i}/` },
    };
  });
}

describe('writePagefindBundle in parts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dateline-merge-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('merges bundles indexed by several Pagefind processes into the bundle one process writes', async () => {
    const list = records(90);
    await writePagefindBundle(list, 'en', join(dir, 'whole'), 1_000);
    await writePagefindBundle(list, 'en', join(dir, 'merged'), 25);
    const whole = await contents(join(dir, 'whole'));
    const merged = await contents(join(dir, 'merged'));
    // More than one index chunk, so the merge cuts and names chunks as Pagefind does.
    expect([...whole.keys()].filter((path) => path.startsWith('/index/')).length).toBeGreaterThan(1);
    expect([...merged.keys()]).toEqual([...whole.keys()]);
    for (const [path, bytes] of whole) expect(merged.get(path), path).toBe(bytes);
    // The parts are gone.
    expect(await readdir(dir)).toEqual(['merged', 'whole']);
  }, 60_000);

  /** A bundle for the pool, in the folder `name`. */
  const pooled = (list: SearchRecord[], name: string, scripts = false) => ({
    size: list.length,
    records: (from: number, to: number) => list.slice(from, to),
    sortValues: sortValuesOf(list),
    lang: 'en',
    outputPath: join(dir, name),
    scripts,
    urls: list.map((r) => r.url),
  });

  /** Each id's fragment, read: the URL of the record it holds. */
  const fragmentUrls = async (name: string, ids: [string, string][]) =>
    Promise.all(
      ids.map(async ([, id]) => {
        const text = gunzipSync(await readFile(join(dir, name, 'fragment', `${id}.pf_fragment`))).toString('utf8');
        return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
      }),
    );

  it("names each record's fragment, in one process, merged from parts, and when Pagefind leaves a record out", async () => {
    const list = records(90);
    // A record with no words, which Pagefind leaves out of its meta file: the fragments are read.
    const wordless = [...list.slice(0, 40), { ...list[40]!, url: '/2021/wordless/', content: '' }, ...list.slice(41)];
    const pool = pagefindPool(25);
    try {
      const whole = await indexBundle({ records: list, lang: 'en', outputPath: join(dir, 'ids-whole'), scripts: false });
      const merged = await pool.write(pooled(list, 'ids-merged'));
      const left = await indexBundle({ records: wordless, lang: 'en', outputPath: join(dir, 'ids-wordless'), scripts: false });
      for (const [name, { ids }] of [
        ['ids-whole', whole],
        ['ids-merged', merged],
        ['ids-wordless', left],
      ] as const) {
        expect(await fragmentUrls(name, ids), name).toEqual(ids.map(([url]) => url));
        expect(new Set(ids.map(([url]) => url)).size, name).toBe(ids.length);
      }
      expect(whole.ids.map(([url]) => url)).toEqual(list.map((r) => r.url));
      expect(merged.ids.map(([url]) => url)).toEqual(list.map((r) => r.url));
      expect(left.ids.map(([url]) => url)).not.toContain('/2021/wordless/');
      expect(left.ids).toHaveLength(89);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('writes on its worker threads the bundles it writes here, and says why when it cannot', async () => {
    const list = records(40);
    const here = await indexBundle({ records: list, lang: 'en', outputPath: join(dir, 'here'), scripts: false });
    const pool = pagefindPool();
    try {
      const there = await pool.write(pooled(list, 'there'));
      expect(there).toEqual(here);
      expect(await contents(join(dir, 'there'))).toEqual(await contents(join(dir, 'here')));
      // A record Pagefind refuses (a title that is not text).
      const refused = { ...list[0]!, meta: { title: 7 as unknown as string } };
      await expect(pool.write(pooled([refused], 'refused'))).rejects.toThrow(/Pagefind.*expected a string/);
      // The pool still answers after a failure.
      expect((await pool.write(pooled(list.slice(0, 3), 'after', true))).ids).toHaveLength(3);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('indexes bundles in parts, two processes at once once widened, as one process each', async () => {
    const [older, newer] = [records(90), records(60)];
    await writePagefindBundle(older, 'en', join(dir, 'older-whole'), 1_000);
    await writePagefindBundle(newer, 'en', join(dir, 'newer-whole'), 1_000);
    const pool = pagefindPool(25);
    try {
      const written = Promise.all([pool.write(pooled(older, 'older', true)), pool.write(pooled(newer, 'newer'))]);
      pool.widen();
      const [a, b] = await written;
      expect(a.ids).toHaveLength(90);
      expect(b.ids).toHaveLength(60);
    } finally {
      await pool.close();
    }
    expect(await contents(join(dir, 'older'))).toEqual(await contents(join(dir, 'older-whole')));
    const merged = await contents(join(dir, 'newer'));
    const whole = await contents(join(dir, 'newer-whole'));
    // Its scripts left out (the page runs the main bundle's), the rest as one process writes it.
    expect([...merged.keys()].some((path) => path.endsWith('.js'))).toBe(false);
    for (const [path, bytes] of merged) expect(whole.get(path), path).toBe(bytes);
    expect(merged.size).toBeGreaterThan(60);
  }, 60_000);

  it('ends the Pagefind process of a part being indexed when closed, so that nothing writes after', async () => {
    const pool = pagefindPool();
    const writing = pool.write(pooled(records(900), 'stopped'));
    writing.catch(() => undefined);
    // Once its process is indexing.
    for (let waited = 0; pagefindChildren().length === 0 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(pagefindChildren()).toHaveLength(1);
    await pool.close();
    await expect(writing).rejects.toThrow(/Pagefind worker stopped/);
    expect(pagefindChildren()).toEqual([]);
  }, 60_000);
});

/** This process's children that are Pagefind and not yet exited (from Linux's /proc). */
function pagefindChildren(): string[] {
  const children = readdirSync('/proc/self/task').flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
  return children.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.includes('(pagefind') && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  });
}
