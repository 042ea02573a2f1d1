import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/content/validate-article.ts';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { context } from '../helpers/check.ts';
import { photo } from '../helpers/photo.ts';
import { type BuiltSite, buildSite, copyFixture, makeTemp, readPage, removeTemps } from '../helpers/site.ts';

const article = (image: string[]) =>
  ['---', 'title: A report with a photo', 'date: 2021-08-24', 'location: Baghlan, Afghanistan', ...image, '---', 'Body.'].join('\n');
const IMAGE = [
  'image:',
  '  src: ./valley.jpg',
  '  alt: The valley at dusk',
  '  caption: The Andarab valley from the south.',
  '  credit: Example Photographer',
];

let root: string;
let site: BuiltSite;
let source: Buffer;
beforeAll(async () => {
  root = await copyFixture('zones');
  source = await photo(120);
  await writeFile(join(root, 'content/2021/08/valley.jpg'), source);
  await writeFile(join(root, 'content/2021/08/photo.md'), article(IMAGE));
  site = await buildSite(root);
});
afterAll(removeTemps);

describe('a lead image', () => {
  it('is copied into the site under its content hash, and printed with its size, alt text, caption and credit', async () => {
    expect(site.report.ok).toBe(true);
    const media = (await site.files()).filter((f) => f.startsWith('media/') && f.endsWith('.jpg'));
    expect(media).toHaveLength(1);
    expect(media[0]).toMatch(/^media\/[0-9a-f]{20}\.jpg$/);
    expect(Buffer.compare(await readFile(join(site.out, media[0]!)), source)).toBe(0);
    const page = await site.page('/2021/08/24/photo/');
    const img = page.one('figure.lead-image img');
    expect([img.properties.src, img.properties.width, img.properties.height, img.properties.alt]).toEqual([
      `../../../../${media[0]}`,
      1200,
      800,
      'The valley at dusk',
    ]);
    expect(page.text('figure.lead-image figcaption')).toBe('The Andarab valley from the south. Example Photographer');
  });

  it('has a smaller WebP copy for each width narrower than it, for phones', async () => {
    const page = await site.page('/2021/08/24/photo/');
    const webp = (await site.files()).filter((f) => f.endsWith('.webp'));
    expect(webp).toEqual([expect.stringMatching(/^media\/[0-9a-f]{20}-640\.webp$/)]);
    const source = page.one('figure.lead-image picture source');
    expect([source.properties.type, source.properties.srcSet]).toEqual(['image/webp', `../../../../${webp[0]} 640w`]);
    const meta = await sharp(join(site.out, webp[0]!)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 640, 427]);
  });

  it('goes to OpenGraph and Twitter cards, JSON-LD, Atom and RSS (Media RSS) and JSON Feed, by its absolute address', async () => {
    const page = await site.page('/2021/08/24/photo/');
    const url = `https://zones.example/${(await site.files()).find((f) => f.startsWith('media/') && f.endsWith('.jpg'))}`;
    const meta = (p: string) => page.all(`meta[property="${p}"], meta[name="${p}"]`).map((m) => m.properties.content);
    expect([meta('og:image'), meta('og:image:width'), meta('og:image:alt'), meta('twitter:card')]).toEqual([
      [url],
      ['1200'],
      ['The valley at dusk'],
      ['summary_large_image'],
    ]);
    const data = JSON.parse(page.text('script[type="application/ld+json"]'));
    expect(data.image).toMatchObject({
      '@type': 'ImageObject',
      url,
      caption: 'The Andarab valley from the south.',
      creditText: 'Example Photographer',
    });
    for (const feed of ['feed.xml', 'rss.xml']) {
      const xml = await readFile(join(site.out, feed), 'utf8');
      expect(xml).toContain(`<media:content url="${url}" type="image/jpeg" medium="image" width="1200" height="800">`);
      expect(xml).toContain('<media:credit>Example Photographer</media:credit>');
    }
    const json = JSON.parse(await readFile(join(site.out, 'feed.json'), 'utf8'));
    expect(json.items.find((i: { url: string }) => i.url.endsWith('/photo/')).image).toBe(url);
  });

  it('is an error when its file is missing (with the closest name), and a warning without alt text', async () => {
    const project = await copyFixture('zones');
    await writeFile(join(project, 'content/2021/08/valley.jpg'), source);
    await writeFile(join(project, 'content/2021/08/photo.md'), article(['image:', '  src: ./valey.jpg']));
    const broken = await runBuild({ root: project, dryRun: true });
    expect(broken.ok).toBe(false);
    const brief = broken.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.fix}`);
    expect(brief).toEqual([
      'content/2021/08/photo.md:5:1 warning image-without-alt Say what the photo shows in `alt`.',
      'content/2021/08/photo.md:6:8 error missing-image Did you mean `valley.jpg`?',
    ]);
  });

  it('is read again when its file is replaced under the same name, also by a build of another article’s body', async () => {
    const project = await copyFixture('zones');
    await writeFile(join(project, 'content/2021/08/valley.jpg'), source);
    await writeFile(join(project, 'content/2021/08/photo.md'), article(IMAGE));
    const output = join(await makeTemp(), 'site');
    const cacheDir = join(await makeTemp(), 'cache');
    const build = () => runBuild({ root: project, cacheDir, overrides: { output } });
    expect((await build()).ok).toBe(true);
    const before = (await readPage(join(output, '2021/08/24/photo/index.html'))).one('figure img').properties.src;
    // A new photo under the old name (a later stamp), and a body edit elsewhere.
    await new Promise((done) => setTimeout(done, 20));
    await writeFile(join(project, 'content/2021/08/valley.jpg'), await photo(30));
    const other = join(project, 'content/2021/08/day-only.md');
    await writeFile(other, `${await readFile(other, 'utf8')}\nA sentence added.\n`);
    expect((await build()).ok).toBe(true);
    const after = (await readPage(join(output, '2021/08/24/photo/index.html'))).one('figure img').properties.src;
    expect(after).not.toBe(before);
    expect(Buffer.compare(await readFile(join(output, '2021/08/24/photo', String(after))), await photo(30))).toBe(0);
  });

  it('is read again when one of two identical photos is replaced, though the other still has the old bytes', async () => {
    const project = await copyFixture('zones');
    await writeFile(join(project, 'content/2021/08/a.jpg'), source);
    await writeFile(join(project, 'content/2021/08/b.jpg'), source);
    const twin = (slug: string, file: string) => [
      '---',
      `title: Twin ${slug}`,
      'date: 2021-08-24',
      'location: Baghlan, Afghanistan',
      'image:',
      `  src: ./${file}`,
      '  alt: A photo',
      '---',
      'Body.',
    ];
    await writeFile(join(project, 'content/2021/08/twin-a.md'), twin('a', 'a.jpg').join('\n'));
    await writeFile(join(project, 'content/2021/08/twin-b.md'), twin('b', 'b.jpg').join('\n'));
    const output = join(await makeTemp(), 'site');
    const cacheDir = join(await makeTemp(), 'cache');
    const build = () => runBuild({ root: project, cacheDir, overrides: { output } });
    expect((await build()).ok).toBe(true);
    await new Promise((done) => setTimeout(done, 20));
    await writeFile(join(project, 'content/2021/08/a.jpg'), await photo(200));
    expect((await build()).ok).toBe(true);
    const src = (slug: string) =>
      readPage(join(output, `2021/08/24/twin-${slug}/index.html`)).then((p) => String(p.one('figure img').properties.src));
    expect(await src('a')).not.toBe(await src('b'));
    expect(Buffer.compare(await readFile(join(output, '2021/08/24/twin-a', await src('a'))), await photo(200))).toBe(0);
  });

  it('is an error when its file is no image, unless only a draft uses it; and a path works with the project as the content folder', async () => {
    const project = await copyFixture('zones');
    await writeFile(join(project, 'content/2021/08/notes.jpg'), 'not an image');
    await writeFile(join(project, 'content/2021/08/photo.md'), article(['image:', '  src: ./notes.jpg', '  alt: Notes']));
    const broken = await runBuild({ root: project, overrides: { output: join(await makeTemp(), 'site') } });
    expect(broken.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId}`)).toEqual([
      'content/2021/08/photo.md:6:8 error invalid-image',
    ]);
    await writeFile(join(project, 'content/2021/08/photo.md'), article(['status: draft', 'image:', '  src: ./notes.jpg', '  alt: Notes']));
    const draft = await runBuild({ root: project, overrides: { output: join(await makeTemp(), 'site') } });
    expect(draft.ok).toBe(true);
    const text = article(['image:', '  src: ./a.jpg', '  alt: A']);
    const checked = checkArticle({ file: '2021/08/photo.md', bytes: new TextEncoder().encode(text) }, { ...context, content: '' });
    expect(checked.article?.image?.file).toBe('2021/08/a.jpg');
  });
});
