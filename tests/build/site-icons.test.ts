import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICON_SIZES, icoOf, makeIcons } from '../../src/outputs/icons/site-icons.ts';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { type BuiltSite, buildSite, copyFixture, exampleSite, makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
};

let example: BuiltSite;
beforeAll(async () => {
  example = await exampleSite();
});
afterAll(removeTemps);

describe('the site’s icons', () => {
  it('links a favicon (ICO and SVG), an apple-touch icon and a web manifest from every page, and writes them', async () => {
    for (const url of ['/', '/2021/08/22/andarab-resistance/', '/places/af/baghlan/', '/search/']) {
      const page = await example.page(url);
      const links = page
        .all('link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]')
        .map((l) => `${l.properties.rel} ${String(l.properties.href).replace(/^(\.\.\/)+|^\.\//, '')}`);
      expect(links).toEqual([
        'icon favicon.ico',
        'icon icon.svg',
        'apple-touch-icon apple-touch-icon.png',
        'manifest manifest.webmanifest',
      ]);
    }
    const manifest = JSON.parse(await readFile(join(example.out, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'Dateline', lang: 'en', dir: 'ltr', start_url: './' });
    for (const icon of manifest.icons) await readFile(join(example.out, icon.src));
    for (const [name, size] of Object.entries(ICON_SIZES)) expect(pngSize(await readFile(join(example.out, name)))).toEqual([size, size]);
    const ico = await readFile(join(example.out, 'favicon.ico'));
    expect([...ico.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 32, 32]);
  });

  it('ships Dateline’s icon files made from public/icon.svg (`npm run icons` after editing it)', async () => {
    const made = await makeIcons(new Uint8Array(await readFile(join(repoRoot, 'public/icon.svg'))));
    for (const [name, bytes] of made)
      expect(Buffer.compare(Buffer.from(bytes), await readFile(join(repoRoot, 'public', name))), name).toBe(0);
  });

  it('holds one PNG in favicon.ico, behind a header that says where it is and how large', () => {
    const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const ico = icoOf(png, 32);
    const view = new DataView(ico.buffer);
    expect([view.getUint16(2, true), view.getUint16(4, true), view.getUint32(14, true), view.getUint32(18, true)]).toEqual([1, 1, 7, 22]);
    expect([...ico.subarray(22)]).toEqual([...png]);
    expect(icoOf(png, 256)[6]).toBe(0);
  });

  it('makes every size from the site’s own SVG (`icon:`), once: a second build copies them from the cache', async () => {
    const root = await copyFixture('zones');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0a5"/></svg>';
    await writeFile(join(root, 'brand.svg'), svg);
    const site = await buildSite(root, { icon: 'brand.svg' });
    expect(site.report.ok).toBe(true);
    expect(await readFile(join(site.out, 'icon.svg'), 'utf8')).toBe(svg);
    const png = await readFile(join(site.out, 'icon-192.png'));
    expect(pngSize(png)).toEqual([192, 192]);
    expect(Buffer.compare(png, await readFile(join(repoRoot, 'public/icon-192.png')))).not.toBe(0);
    const cacheDir = join(await makeTemp(), 'cache');
    const output = join(await makeTemp(), 'site');
    const first = await runBuild({ root, cacheDir, overrides: { output, icon: 'brand.svg' } });
    const second = await runBuild({ root, cacheDir, force: true, overrides: { output, icon: 'brand.svg' } });
    expect([first.ok, second.ok]).toEqual([true, true]);
    // One set, named by the SVG's hash, made by the first build and read by the second.
    const sets = await readdir(join(cacheDir, 'icons'));
    expect(sets).toHaveLength(1);
    expect((await readdir(join(cacheDir, 'icons', sets[0]!))).sort()).toEqual([
      'apple-touch-icon.png',
      'favicon.ico',
      'icon-192.png',
      'icon-32.png',
      'icon-512.png',
      'icon.svg',
    ]);
    expect(Buffer.compare(await readFile(join(output, 'icon-192.png')), png)).toBe(0);
  });

  it('stops the build, naming the setting, when the icon cannot be read', async () => {
    const root = await copyFixture('zones');
    await expect(buildSite(root, { icon: 'missing.svg' })).rejects.toThrow(
      /The icon `missing.svg` named in dateline.yaml cannot be read \(ENOENT\)/,
    );
  });
});
