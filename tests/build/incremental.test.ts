import { appendFile, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { earlyRenders, renderBodies, startRenderPool } from '../../src/pipeline/render-bodies.ts';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { copyFixture, makeTemp, removeTemps } from '../helpers/site.ts';

afterAll(removeTemps);

describe('incremental builds through runBuild', () => {
  it('caches two articles with the same body as one entry (no race between their writes)', async () => {
    const root = await copyFixture('zones');
    const text = await readFile(join(root, 'content/2021/08/day-only.md'), 'utf8');
    for (const n of [1, 2, 3])
      await writeFile(join(root, `content/2021/08/copy-${n}.md`), text.replace(/^title: .*$/m, `title: Copy ${n}`));
    const out = join(await makeTemp(), 'site');
    const report = await runBuild({ root, overrides: { output: out }, cacheDir: join(root, '.dateline-cache') });
    expect(report.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.markdown?.rendered).toBeGreaterThanOrEqual(4);
  });

  it('stores each render from the worker threads in the cache, and takes them all from it next time', async () => {
    const cacheDir = await makeTemp();
    // Enough bodies for the worker threads, a few of them the same.
    const bodies = Array.from({ length: 400 }, (_, i) => `Paragraph ${i % 390} of *the* [report](/x/).\n\nMore.`);
    const first = await renderBodies(bodies, { cacheDir, workers: 2 });
    expect(first.stats).toEqual({ cached: 0, rendered: 400, workers: 2 });
    const again = await renderBodies(bodies, { cacheDir, workers: 2 });
    expect(again.stats).toEqual({ cached: 400, rendered: 0, workers: 0 });
    expect(again.summaries.map((b) => b.firstParagraph)).toEqual(first.summaries.map((b) => b.firstParagraph));
    expect(again.summaries.map((b) => b.textKey)).toEqual(first.summaries.map((b) => b.textKey));
    expect(again.store.get(again.keys[7]!).html).toBe('<p>Paragraph 7 of <em>the</em> <a href="/x/">report</a>.</p>\n<p>More.</p>');
    expect(first.summaries[7]!.firstParagraph).toBe('Paragraph 7 of the report.');
  });

  it('takes the renders the worker threads began before the check, byte for byte the renders made without them', async () => {
    const files = Array.from({ length: 320 }, (_, i) => ({
      bytes: new TextEncoder().encode(`---\ntitle: T${i}\n---\nParagraph ${i} of *the* [report](/x/).\n`),
    }));
    const bodies = [...files.map((_, i) => `Paragraph ${i} of *the* [report](/x/).\n`), '![A photo](./a.jpg)\n'];
    const plain = await renderBodies(bodies);
    const pool = startRenderPool(2);
    try {
      await earlyRenders(pool, [...files, { bytes: new TextEncoder().encode(`---\ntitle: P\n---\n${bodies[320]}`) }]);
      // Begun from the files: every body but the one that shows an image (its render waits for its size).
      expect(plain.keys.map((key) => pool.take(key) !== undefined)).toEqual([...files.map(() => true), false]);
      const withPool = await renderBodies(bodies, { pool });
      expect(withPool.stats).toEqual({ cached: 0, rendered: 321, workers: 2 });
      expect(withPool.keys).toEqual(plain.keys);
      expect(withPool.keys.map((k) => withPool.store.get(k).html)).toEqual(plain.keys.map((k) => plain.store.get(k).html));
      // Each body rendered once: the render kept is the one begun early.
      expect(withPool.store.get(plain.keys[5]!)).toBe((await pool.take(plain.keys[5]!))?.body);
    } finally {
      await pool.close();
    }
  });

  it('stores the renders of a pool with a cache folder as they come, before the build asks for them', async () => {
    const cacheDir = await makeTemp();
    const files = Array.from({ length: 300 }, (_, i) => ({ bytes: new TextEncoder().encode(`---\ntitle: T${i}\n---\nBody ${i}.\n`) }));
    const bodies = files.map((_, i) => `Body ${i}.\n`);
    const plain = await renderBodies(bodies);
    const pool = startRenderPool(2, cacheDir);
    try {
      await earlyRenders(pool, files, cacheDir);
      await Promise.all(plain.keys.map((key) => pool.take(key)));
      const entries = (await readdir(cacheDir, { recursive: true })).filter((f) => String(f).endsWith('.json'));
      expect(entries).toHaveLength(300);
      const withPool = await renderBodies(bodies, { cacheDir, pool });
      expect(withPool.stats).toEqual({ cached: 0, rendered: 300, workers: 2 });
      expect(withPool.keys.map((k) => withPool.store.get(k).html)).toEqual(plain.keys.map((k) => plain.store.get(k).html));
    } finally {
      await pool.close();
    }
  });

  it('does not call a project up to date when reading it found a new problem', async () => {
    const root = await copyFixture('zones');
    const out = join(await makeTemp(), 'site');
    const cacheDir = join(root, '.dateline-cache');
    expect((await runBuild({ root, overrides: { output: out }, cacheDir })).ok).toBe(true);
    expect((await runBuild({ root, overrides: { output: out }, cacheDir })).upToDate).toBe(true);
    await symlink(join(root, 'content/2021/08/day-only.md'), join(root, 'content/2021/08/link.md'));
    const again = await runBuild({ root, overrides: { output: out }, cacheDir });
    expect(again.upToDate).toBeFalsy();
    expect(again.ok).toBe(false);
    expect(again.messages.map((m) => m.ruleId)).toContain('symbolic-link');
  });
});

describe('article files known by their stamp', () => {
  it('reads only the files whose stamp changed, and sees an edit that kept the size and the modification time', async () => {
    const root = await copyFixture('zones');
    const out = join(await makeTemp(), 'site');
    const cacheDir = join(root, '.dateline-cache');
    const file = join(root, 'content/2021/08/day-only.md');
    const build = (force = false) => runBuild({ root, overrides: { output: out }, cacheDir, force });
    expect((await build()).ok).toBe(true);
    const past = new Date('2024-01-01T00:00:00Z');
    await utimes(file, past, past);
    // A stamp vouches for the bytes only once the file is older than a coarse clock's tick: the
    // first build's stamps were taken too early (every file is read again, and stamped anew).
    await new Promise((done) => setTimeout(done, 2_600));
    const again = await build(true);
    expect(again.check!.read).toBe(3);
    // Same size, the modification time set back: the change time still tells.
    const before = await stat(file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('whole local day', 'WHOLE LOCAL DAY'));
    await utimes(file, past, past);
    expect(await stat(file)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    const edited = await build();
    expect(edited.check).toMatchObject({ read: 1, checked: 1, cached: 2 });
    expect(await readFile(join(out, '2021/08/22/day-only/index.html'), 'utf8')).toContain('WHOLE LOCAL DAY');
  }, 30_000);
});

describe('the article state in shards', () => {
  /** The state's shard files (not the index). */
  const shards = async (cacheDir: string) => (await readdir(join(cacheDir, 'articles'))).filter((n) => n !== 'index.json').sort();

  it('writes again only the shard of an edited file, and checks again only the files of a damaged shard', async () => {
    const root = await makeTemp();
    await generateCorpus({ dir: root, articles: 40, seed: 3 });
    const out = join(await makeTemp(), 'site');
    const cacheDir = join(root, '.dateline-cache');
    const build = () => runBuild({ root, overrides: { output: out }, cacheDir });
    expect((await build()).ok).toBe(true);
    const before = await shards(cacheDir);
    expect(before.length).toBeGreaterThan(20);

    const files = (await readdir(join(root, 'content'), { recursive: true })).filter((f) => f.endsWith('.md')).sort();
    await appendFile(join(root, 'content', files[5]!), '\nA sentence added by the shard test.\n');
    const edited = await build();
    expect(edited.check).toMatchObject({ checked: 1, cached: files.length - 1 });
    const after = await shards(cacheDir);
    // One shard named anew, the rest kept as they were, none left behind.
    expect(after.length).toBe(before.length);
    expect(after.filter((n) => !before.includes(n))).toHaveLength(1);

    // A damaged shard: its files are checked again, the others not.
    const damaged = after[0]!;
    const inShard = Object.keys(JSON.parse(await readFile(join(cacheDir, 'articles', damaged), 'utf8'))).length;
    await writeFile(join(cacheDir, 'articles', damaged), '{"content/');
    await writeFile(join(root, 'content', files[9]!), `${await readFile(join(root, 'content', files[9]!), 'utf8')}\nAnother sentence.\n`);
    const again = await runBuild({ root, overrides: { output: out }, cacheDir, force: true });
    expect(again.ok).toBe(true);
    expect(again.check?.checked).toBeGreaterThanOrEqual(inShard);
    expect(again.check?.checked).toBeLessThanOrEqual(inShard + 1);
    // Written again whole (under the same name, its content being the same).
    expect(JSON.parse(await readFile(join(cacheDir, 'articles', damaged), 'utf8'))).toBeTypeOf('object');

    // A shard missing one file's check (edited by hand): a body edit of another file in it
    // still builds, and the shard is written without it (its file is checked by a later build).
    const read = async (name: string) => [name, JSON.parse(await readFile(join(cacheDir, 'articles', name), 'utf8'))] as const;
    const all = await Promise.all((await shards(cacheDir)).map(read));
    const [shard, entries] = all.find(([, e]) => Object.keys(e).length >= 2)! as [string, Record<string, unknown>];
    const [dropped, kept] = Object.keys(entries) as [string, string];
    delete entries[dropped];
    await writeFile(join(cacheDir, 'articles', shard), JSON.stringify(entries));
    await appendFile(join(root, kept), '\nA sentence added beside a missing check.\n');
    const beside = await build();
    expect(beside.ok).toBe(true);
    expect(beside.bodyOnly).toBe(true);
  }, 60_000);
});
