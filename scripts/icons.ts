/**
 * Makes Dateline's own icon files in public/ from public/icon.svg (`npm run icons`): the PNGs and
 * favicon.ico every site gets unless dateline.yaml names its own `icon`. Run it after editing the
 * SVG; a test checks that the files are the SVG's.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ICON_SVG, makeIcons } from '../src/outputs/icons/site-icons.ts';

const publicDir = join(import.meta.dirname, '../public');
const files = await makeIcons(new Uint8Array(await readFile(join(publicDir, ICON_SVG))));
for (const [name, bytes] of files) {
  if (name === ICON_SVG) continue;
  await writeFile(join(publicDir, name), bytes);
  console.log(`public/${name}: ${bytes.length} bytes`);
}
