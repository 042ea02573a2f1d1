import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../../src/archive/archive.ts';
import { fileWriter } from '../../../src/outputs/file-writer.ts';
import { pageStore } from '../../../src/pipeline/model-snapshot.ts';
import { makeTemp, removeTemps } from '../../helpers/site.ts';

afterAll(removeTemps);

/** A view with only what the store reads of it (its URL), and a hash that puts it in shard `shard`. */
const view = (n: number, shard = 'ab') => ({
  hash: `${shard}${String(n).padStart(62, '0')}`,
  page: { url: `/articles/${n}/`, title: `صفحه ${n}\nline two` } as unknown as ArticlePage,
});

async function put(cacheDir: string, views: ReturnType<typeof view>[]): Promise<void> {
  const writer = fileWriter();
  try {
    for (const v of views) await pageStore(cacheDir).put(v.hash, v.page, writer);
    await writer.flush();
  } finally {
    await writer.close();
  }
}

describe('pageStore', () => {
  it('keeps views a line each in a file per two first characters of the hash, not a file each', async () => {
    const cacheDir = await makeTemp();
    const views = [...Array.from({ length: 30 }, (_, n) => view(n)), view(30, 'cd'), view(31, '00')];
    await put(cacheDir, views);
    expect((await readdir(join(cacheDir, 'pages'))).sort()).toEqual(['00.jsonl', 'ab.jsonl', 'cd.jsonl']);
    const store = pageStore(cacheDir);
    for (const v of views) expect(store.get(v.hash)).toEqual(v.page);
    expect(store.get(view(99).hash)).toBeUndefined();
    expect(store.get(view(99, 'ef').hash)).toBeUndefined();
  });

  it('keeps only the views asked for, each once, and removes one', async () => {
    const cacheDir = await makeTemp();
    const [a, b, c] = [view(1), view(2), view(3, 'cd')];
    await put(cacheDir, [a, b, c]);
    // Put again (a page written again with the same hash), and a view file of an older Dateline.
    await put(cacheDir, [a]);
    await mkdir(join(cacheDir, 'pages', 'ab'), { recursive: true });
    await appendFile(join(cacheDir, 'pages', 'ab', `${a.hash}.json`), JSON.stringify(a.page));
    const store = pageStore(cacheDir);
    store.keepOnly(new Set([a.hash, c.hash]));
    expect(store.get(a.hash)).toEqual(a.page);
    expect(store.get(b.hash)).toBeUndefined();
    expect(store.get(c.hash)).toEqual(c.page);
    expect((await readdir(join(cacheDir, 'pages'))).sort()).toEqual(['ab.jsonl', 'cd.jsonl']);
    expect((await readFile(join(cacheDir, 'pages', 'ab.jsonl'), 'utf8')).split(a.hash).length).toBe(2);
    store.remove(c.hash);
    expect(store.get(c.hash)).toBeUndefined();
    expect(await readdir(join(cacheDir, 'pages'))).toEqual(['ab.jsonl']);
  });

  it('reads past a line torn by a crash: the views before and after it are whole', async () => {
    const cacheDir = await makeTemp();
    const [a, b, c] = [view(1), view(2), view(3)];
    await put(cacheDir, [a]);
    // A crash while b was added: half its line.
    const line = `\n${b.hash} ${JSON.stringify(b.page)}`;
    await appendFile(join(cacheDir, 'pages', 'ab.jsonl'), line.slice(0, line.length / 2));
    await put(cacheDir, [c]);
    const store = pageStore(cacheDir);
    expect(store.get(a.hash)).toEqual(a.page);
    expect(store.get(b.hash)).toBeUndefined();
    expect(store.get(c.hash)).toEqual(c.page);
    // Added again whole, it is found; the torn line goes with the next keepOnly.
    await put(cacheDir, [b]);
    expect(store.get(b.hash)).toEqual(b.page);
    store.keepOnly(new Set([a.hash, b.hash, c.hash]));
    for (const v of [a, b, c]) expect(store.get(v.hash)).toEqual(v.page);
    expect((await readFile(join(cacheDir, 'pages', 'ab.jsonl'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('keeps a whole view over a later line of it torn by a crash', async () => {
    const cacheDir = await makeTemp();
    const a = view(1);
    await put(cacheDir, [a]);
    // Written again by a build that crashed halfway through the line.
    const line = `\n${a.hash} ${JSON.stringify(a.page)}`;
    await appendFile(join(cacheDir, 'pages', 'ab.jsonl'), line.slice(0, line.length - 5));
    pageStore(cacheDir).keepOnly(new Set([a.hash]));
    expect(pageStore(cacheDir).get(a.hash)).toEqual(a.page);
  });
});
