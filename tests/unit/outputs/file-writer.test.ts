import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileWriter } from '../../../src/outputs/file-writer.ts';
import { listFiles, makeTemp, removeTemps } from '../../helpers/site.ts';

afterAll(removeTemps);

describe('fileWriter', () => {
  it('writes every file handed over, its folders made, once flushed, over a file or at its end', async () => {
    const dir = await makeTemp();
    const writer = fileWriter();
    const files = Array.from({ length: 100 }, (_, i) => [join(dir, `d${i % 7}`, `e${i}`, 'index.html'), `page ${i} ∙ صفحه`] as const);
    try {
      for (const [file, content] of files) await writer.write(file, content);
      await writer.write(join(dir, 'bytes.bin'), Uint8Array.of(0, 255, 10));
      await writer.write(join(dir, 'log', 'views.jsonl'), '{"first":1}', true);
      await writer.write(join(dir, 'log', 'views.jsonl'), '\n{"second":2}', true);
      await writer.write(join(dir, 'log', 'over.json'), 'old');
      await writer.write(join(dir, 'log', 'over.json'), 'new');
      await writer.flush();
    } finally {
      await writer.close();
    }
    // Added to: both texts, in order; written over: the last.
    expect((await listFiles(dir)).length).toBe(103);
    expect(await readFile(join(dir, 'log', 'views.jsonl'), 'utf8')).toBe('{"first":1}\n{"second":2}');
    expect(await readFile(join(dir, 'log', 'over.json'), 'utf8')).toBe('new');
    for (const [file, content] of files) expect(await readFile(file, 'utf8')).toBe(content);
    expect([...(await readFile(join(dir, 'bytes.bin')))]).toEqual([0, 255, 10]);
  });

  it('reports a file it cannot write, and refuses more after it', async () => {
    const dir = await makeTemp();
    await writeFile(join(dir, 'taken'), 'a file where a folder should be');
    const writer = fileWriter();
    try {
      await writer.write(join(dir, 'taken', 'index.html'), 'x');
      await expect(writer.flush()).rejects.toThrow(/Writing the site failed: .*taken/);
      await expect(writer.write(join(dir, 'other.html'), 'y')).rejects.toThrow(/Writing the site failed/);
    } finally {
      await writer.close();
    }
    expect(await listFiles(dir)).toEqual(['taken']);
  });

  it('writes files in pieces with the texts shared with it, until it lets them go', async () => {
    const dir = await makeTemp();
    const writer = fileWriter();
    const texts = ['<p>کابل &amp; Kabul</p>', '"content ∙ \\u0000"'];
    try {
      const [a, b] = texts.map((text) => writer.share(text)) as [number, number];
      for (let i = 0; i < 40; i++) await writer.write(join(dir, `f${i}.xml`), [`<feed ${i}>`, a, '\n', b, a, '</feed>\n']);
      await writer.write(join(dir, 'first.json'), [b]);
      await writer.write(join(dir, 'added.json'), ['[', a, ']'], true);
      writer.forget();
      await writer.flush();
      // Let go: a file that prints a shared text now cannot be written.
      await writer.write(join(dir, 'after.xml'), ['x', a]);
      await expect(writer.flush()).rejects.toThrow(/Writing the site failed: No shared text 1/);
    } finally {
      await writer.close();
    }
    for (let i = 0; i < 40; i++)
      expect(await readFile(join(dir, `f${i}.xml`), 'utf8')).toBe(`<feed ${i}>${texts[0]}\n${texts[1]}${texts[0]}</feed>\n`);
    expect(await readFile(join(dir, 'first.json'), 'utf8')).toBe(texts[1]);
    expect(await readFile(join(dir, 'added.json'), 'utf8')).toBe(`[${texts[0]}]`);
    expect(await listFiles(dir)).not.toContain('after.xml');
  });
});
