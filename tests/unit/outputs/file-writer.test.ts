import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileWriter } from '../../../src/outputs/file-writer.ts';
import { listFiles, makeTemp, removeTemps } from '../../helpers/site.ts';

afterAll(removeTemps);

describe('fileWriter', () => {
  it('writes every file handed over, its folders made, once flushed (whole ones renamed into place)', async () => {
    const dir = await makeTemp();
    const writer = fileWriter();
    const files = Array.from({ length: 100 }, (_, i) => [join(dir, `d${i % 7}`, `e${i}`, 'index.html'), `page ${i} ∙ صفحه`] as const);
    try {
      for (const [file, content] of files) await writer.write(file, content);
      await writer.write(join(dir, 'bytes.bin'), Uint8Array.of(0, 255, 10));
      await writer.write(join(dir, 'whole', 'view.json'), '{"whole":true}', true);
      await writer.flush();
    } finally {
      await writer.close();
    }
    // The file written whole is there under its name, and nothing it was written as beside it.
    expect((await listFiles(dir)).length).toBe(102);
    expect(await listFiles(join(dir, 'whole'))).toEqual(['view.json']);
    expect(await readFile(join(dir, 'whole', 'view.json'), 'utf8')).toBe('{"whole":true}');
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
});
