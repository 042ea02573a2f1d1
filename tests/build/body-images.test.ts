import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { photo as jpeg } from '../helpers/photo.ts';
import { type BuiltSite, buildSite, copyFixture, makeTemp, readPage, removeTemps } from '../helpers/site.ts';

const photo = (r: number, width = 1600) => jpeg(r, width, 900);

const article = (body: string[]) =>
  ['---', 'title: Passengers at the airport', 'date: 2021-08-24', 'location: Baghlan, Afghanistan', '---', ...body].join('\n');
const BODY = [
  'Crowds gathered at the gates.',
  '',
  '![Passengers at Kabul airport](./kabul-airport.jpg "Passengers wait at the north gate. | Photo: Example Photographer")',
  '',
  'A map of the city ![Kabul](/media/kabul-map.png) is inline, and another site’s image is its own:',
  '![A chart](https://example.org/chart.png)',
];

let root: string;
let site: BuiltSite;
let airport: Buffer;
let map: Buffer;
beforeAll(async () => {
  root = await copyFixture('zones');
  airport = await photo(120);
  map = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ddd' } })
    .png()
    .toBuffer();
  await writeFile(join(root, 'content/2021/08/kabul-airport.jpg'), airport);
  await mkdir(join(root, 'content/media'), { recursive: true });
  await writeFile(join(root, 'content/media/kabul-map.png'), map);
  await writeFile(join(root, 'content/2021/08/airport.md'), article(BODY));
  site = await buildSite(root);
});
afterAll(removeTemps);

const mediaFile = async (ext: string) => (await site.files()).filter((f) => f.startsWith('media/') && f.endsWith(ext));

describe('an image in an article’s body', () => {
  it('alone in its paragraph is a figure: copied by content hash, sized, in WebP for phones, its title the caption and credit', async () => {
    expect(site.report.ok).toBe(true);
    const [jpg] = await mediaFile('.jpg');
    expect(jpg).toMatch(/^media\/[0-9a-f]{20}\.jpg$/);
    expect(Buffer.compare(await readFile(join(site.out, jpg!)), airport)).toBe(0);
    const page = await site.page('/2021/08/24/airport/');
    const img = page.one('.article-body figure.body-image picture img');
    expect([img.properties.src, img.properties.width, img.properties.height, img.properties.alt, img.properties.loading]).toEqual([
      `../../../../${jpg}`,
      1600,
      900,
      'Passengers at Kabul airport',
      'lazy',
    ]);
    expect(img.properties.title).toBeUndefined();
    const hash = jpg!.slice('media/'.length, -'.jpg'.length);
    expect(page.one('figure.body-image source').properties.srcSet).toBe(
      `../../../../media/${hash}-640.webp 640w, ../../../../media/${hash}-1280.webp 1280w`,
    );
    expect(page.text('figure.body-image figcaption')).toBe('Passengers wait at the north gate. Photo: Example Photographer');
    expect(page.text('figure.body-image figcaption .credit')).toBe('Photo: Example Photographer');
    const meta = await sharp(join(site.out, `media/${hash}-1280.webp`)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1280, 720]);
  });

  it('inline in a sentence stays in it; one from the content folder’s root is found there; another site’s is left alone', async () => {
    const [png] = await mediaFile('.png');
    expect(Buffer.compare(await readFile(join(site.out, png!)), map)).toBe(0);
    const page = await site.page('/2021/08/24/airport/');
    const inline = page.one('.article-body p picture img');
    expect([inline.properties.src, inline.properties.width, inline.properties.alt]).toEqual([`../../../../${png}`, 300, 'Kabul']);
    // No smaller copies of an image narrower than them.
    expect(page.all('.article-body p picture source')).toHaveLength(0);
    const external = page.all('.article-body img').find((i) => String(i.properties.src).startsWith('https:'));
    expect(external?.properties).toMatchObject({ src: 'https://example.org/chart.png', alt: 'A chart' });
    expect(external?.properties.width).toBeUndefined();
  });

  it('is printed in feeds by its absolute addresses, the smaller copies’ too', async () => {
    const [jpg] = await mediaFile('.jpg');
    const hash = jpg!.slice('media/'.length, -'.jpg'.length);
    const xml = await readFile(join(site.out, 'feed.xml'), 'utf8');
    expect(xml).toContain(`src="https://zones.example/${jpg}"`);
    expect(xml).toContain(
      `srcset="https://zones.example/media/${hash}-640.webp 640w, https://zones.example/media/${hash}-1280.webp 1280w"`,
    );
  });

  it('is an error when its file is missing (with the closest name) or is no image, and a warning without alt text', async () => {
    const project = await copyFixture('zones');
    await writeFile(join(project, 'content/2021/08/kabul-airport.jpg'), airport);
    await writeFile(join(project, 'content/2021/08/notes.txt'), 'notes');
    const body = ['Text.', '', '![Passengers](./kabul-airprot.jpg)', '', 'See ![](./kabul-airport.jpg).'];
    await writeFile(join(project, 'content/2021/08/airport.md'), article(body));
    await writeFile(join(project, 'content/2021/08/notes.md'), article(['Notes: ![Notes](notes.txt)']));
    const broken = await runBuild({ root: project, dryRun: true });
    expect(broken.ok).toBe(false);
    const brief = broken.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.fix}`);
    expect(brief).toEqual([
      'content/2021/08/airport.md:8:1 error missing-image Did you mean `kabul-airport.jpg`?',
      'content/2021/08/airport.md:10:5 warning image-without-alt Say what the photo shows between the brackets: `![Passengers at Kabul airport](…)`.',
      expect.stringMatching(/^content\/2021\/08\/notes\.md:6:8 error missing-image Put the image beside the article/),
    ]);
  });

  it('is read again when its file is replaced under the same name: the page prints the new copy', async () => {
    const project = await copyFixture('zones');
    await writeFile(join(project, 'content/2021/08/kabul-airport.jpg'), airport);
    await writeFile(join(project, 'content/2021/08/airport.md'), article(BODY.slice(0, 3)));
    const output = join(await makeTemp(), 'site');
    const cacheDir = join(await makeTemp(), 'cache');
    const build = () => runBuild({ root: project, cacheDir, overrides: { output } });
    const src = async () => (await readPage(join(output, '2021/08/24/airport/index.html'))).one('figure img').properties.src;
    expect((await build()).ok).toBe(true);
    const before = await src();
    await new Promise((done) => setTimeout(done, 20));
    await writeFile(join(project, 'content/2021/08/kabul-airport.jpg'), await photo(30, 1000));
    expect((await build()).ok).toBe(true);
    const after = await src();
    expect(after).not.toBe(before);
    expect(Buffer.compare(await readFile(join(output, '2021/08/24/airport', String(after))), await photo(30, 1000))).toBe(0);
  });
});
