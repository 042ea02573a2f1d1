import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Archive } from '../../archive/archive.ts';
import { textDirection } from '../../content/text-direction.ts';
import { writeFiles } from '../output-files.ts';
import type { OutputOutline, OutputWriter } from '../write-outputs.ts';

/**
 * The site's icons, all made from one SVG: Dateline's (`public/icon.svg`, made into the files
 * beside it by `npm run icons`) or the site's own (`icon:` in dateline.yaml, made at build time and
 * cached by the SVG's hash). Each file's name, and its width and height in pixels.
 */
export const ICON_SIZES: Readonly<Record<string, number>> = {
  'icon-32.png': 32,
  'apple-touch-icon.png': 180,
  'icon-192.png': 192,
  'icon-512.png': 512,
};
export const ICON_SVG = 'icon.svg';
export const FAVICON = 'favicon.ico';
export const WEB_MANIFEST = 'manifest.webmanifest';

/** Every icon file made from an SVG: the SVG itself, the PNGs of ICON_SIZES and favicon.ico. */
export async function makeIcons(svg: Uint8Array): Promise<Map<string, Uint8Array>> {
  // sharp (libvips, librsvg) loads only when an icon is made: most builds copy Dateline's.
  const { default: sharp } = await import('sharp');
  const files = new Map<string, Uint8Array>([[ICON_SVG, svg]]);
  for (const [name, size] of Object.entries(ICON_SIZES)) {
    // Rendered at the size asked for (72 dpi × scale), not scaled from another PNG.
    const image = sharp(Buffer.from(svg), { density: Math.max(72, (72 * size) / 64) }).resize(size, size, {
      fit: 'contain',
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    });
    files.set(name, new Uint8Array(await image.png({ compressionLevel: 9 }).toBuffer()));
  }
  files.set(FAVICON, icoOf(files.get('icon-32.png')!, 32));
  return files;
}

/**
 * An ICO file holding one PNG (every browser since 2009 reads PNG inside ICO): a 6-byte header
 * and one 16-byte directory entry before the PNG's bytes.
 */
export function icoOf(png: Uint8Array, size: number): Uint8Array {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6); // width (0 = 256)
  header.writeUInt8(size >= 256 ? 0 : size, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // size of the image
  header.writeUInt32LE(22, 18); // where it starts
  return new Uint8Array(Buffer.concat([header, png]));
}

/**
 * Writes the site's own icon files into `dir` (over Dateline's, copied with the static files),
 * made from `svg`; with a cache folder, made once per SVG and copied after.
 */
export async function writeSiteIcons(dir: string, svg: Uint8Array, cacheDir: string | undefined): Promise<number> {
  const hash = createHash('sha256').update(svg).digest('hex').slice(0, 32);
  const cached = cacheDir && join(cacheDir, 'icons', hash);
  const names = [ICON_SVG, FAVICON, ...Object.keys(ICON_SIZES)];
  let files: Map<string, Uint8Array> | undefined;
  if (cached) {
    const read = await Promise.all(names.map((n) => readFile(join(cached, n)).catch(() => undefined)));
    if (read.every((b) => b !== undefined)) files = new Map(names.map((n, i) => [n, new Uint8Array(read[i]!)]));
  }
  if (!files) {
    files = await makeIcons(svg);
    if (cached) {
      // Written aside and moved into place: an interrupted build never leaves half a set.
      const partial = `${cached}.partial-${process.pid}`;
      await mkdir(partial, { recursive: true });
      for (const [name, bytes] of files) await writeFile(join(partial, name), bytes);
      await rm(cached, { recursive: true, force: true });
      await rename(partial, cached).catch(() => rm(partial, { recursive: true, force: true }));
    }
  }
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return files.size;
}

/** The web manifest: the site's name, language and colours, and its icons (installing it on a phone). */
export function webManifest(archive: Archive): string {
  const site = archive.sites[0]!;
  const icons = [
    ...Object.entries(ICON_SIZES)
      .filter(([name]) => name.startsWith('icon-') && ICON_SIZES[name]! >= 192)
      .map(([name, size]) => ({ src: name, sizes: `${size}x${size}`, type: 'image/png' })),
    { src: ICON_SVG, sizes: 'any', type: 'image/svg+xml' },
  ];
  const manifest = {
    name: site.title,
    short_name: site.title,
    description: site.description,
    lang: site.lang,
    dir: textDirection(site.lang),
    start_url: './',
    scope: './',
    display: 'browser',
    background_color: '#fbfaf7',
    theme_color: '#fbfaf7',
    icons,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes `/manifest.webmanifest`. */
export const writeWebManifest: OutputWriter = (archive, dir, _bodies, writer) =>
  writeFiles(dir, [[`/${WEB_MANIFEST}`, webManifest(archive)]], writer);

/** The manifest is made from the site's settings alone. */
export const webManifestOutline: OutputOutline = () => ({ files: [WEB_MANIFEST], inputs: '' });
