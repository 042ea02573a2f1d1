import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, copyFixture, exampleSite, removeTemps } from '../helpers/site.ts';

let example: BuiltSite;
let site: BuiltSite;
beforeAll(async () => {
  const root = await copyFixture('zones');
  const report = (slug: string, authors: string) =>
    ['---', `title: Report ${slug}`, 'date: 2021-08-24', 'location: Baghlan, Afghanistan', `authors: ${authors}`, '---', 'Body.'].join(
      '\n',
    );
  await writeFile(join(root, 'content/two.md'), report('two', '[Jane Doe, ahmad-shah]'));
  await writeFile(join(root, 'content/one.md'), report('one', '[jane-doe]'));
  await writeFile(
    join(root, 'content/authors.yaml'),
    [
      'ahmad-shah:',
      '  names: { en: Ahmad Shah, fa: احمد شاه }',
      '  bio: Reports from Baghlan.',
      '  url: https://example.org/ahmad-shah',
      'nobody-yet:',
      '  names: { en: Nobody Yet }',
    ].join('\n'),
  );
  [example, site] = await Promise.all([exampleSite(), buildSite(root)]);
});
afterAll(removeTemps);

describe('bylines', () => {
  it('print under the headline, each name linking to its author page, joined as the language joins lists', async () => {
    const page = await site.page('/2021/08/24/two/');
    expect(page.text('.article-header .byline')).toBe('By Jane Doe and Ahmad Shah');
    expect(page.all('.article-header .byline a').map((a) => String(a.properties.href))).toEqual([
      '../../../../authors/jane-doe/index.html',
      '../../../../authors/ahmad-shah/index.html',
    ]);
    const andarab = await example.page('/2021/08/22/andarab-resistance/');
    expect(andarab.text('.article-header .byline')).toBe('By Dateline desk');
    const home = await example.page('/');
    const teaser = home.all('.teaser').find((t) => textOf(t).includes('Andarab districts'))!;
    expect(textOf(teaser)).toContain('By Dateline desk');
  });

  it('give each author a page with the bio, the link and the reports, with its feeds, and an index of authors', async () => {
    const author = await site.page('/authors/ahmad-shah/');
    expect(author.text('h1')).toBe('Ahmad Shah');
    expect(author.text('.other-names')).toBe('احمد شاه');
    expect(author.text('.description')).toBe('Reports from Baghlan.');
    expect(author.one('.homepage a').properties.href).toBe('https://example.org/ahmad-shah');
    expect(author.all('.teaser h3').map((h) => textOf(h))).toEqual(['Report two']);
    expect(author.all('link[rel=alternate]').map((l) => l.properties.href)).toEqual(['./feed.xml', './rss.xml', './feed.json']);
    // A name without an entry is shown as written, under its slug.
    const jane = await site.page('/authors/jane-doe/');
    expect(jane.text('h1')).toBe('Jane Doe');
    expect(jane.all('.teaser h3').map((h) => textOf(h))).toEqual(['Report one', 'Report two']);
    const index = await site.page('/authors/');
    expect(index.all('.counts li a').map((a) => textOf(a))).toEqual(['Jane Doe', 'Ahmad Shah']);
    // The example without bylines elsewhere still has its index, as it has one byline.
    expect((await example.files()).includes('authors/index.html')).toBe(true);
  });

  it('say an entry no report names is unused', () => {
    const unused = site.report.messages.filter((m) => m.ruleId === 'unused-author');
    expect(unused.map((m) => `${m.file}:${m.line} ${m.severity} ${m.reason}`)).toEqual([
      'content/authors.yaml:5 warning Author `nobody-yet` wrote no article.',
    ]);
  });

  it('go into JSON-LD as Persons, the feeds and the citation', async () => {
    const page = await site.page('/2021/08/24/two/');
    const data = JSON.parse(page.text('script[type="application/ld+json"]'));
    expect(data.author).toEqual([
      { '@type': 'Person', name: 'Jane Doe', url: 'https://zones.example/authors/jane-doe/' },
      { '@type': 'Person', name: 'Ahmad Shah', url: 'https://zones.example/authors/ahmad-shah/' },
    ]);
    expect(page.text('.citation-text')).toMatch(/^Jane Doe and Ahmad Shah\. Report two\. /);
    expect(page.text('.citation-bibtex')).toContain('author = {{Jane Doe} and {Ahmad Shah}},');
    const atom = await readFile(join(site.out, 'authors/jane-doe/feed.xml'), 'utf8');
    expect(atom).toContain(
      '<author>\n      <name>Ahmad Shah</name>\n      <uri>https://zones.example/authors/ahmad-shah/</uri>\n    </author>',
    );
    const rss = await readFile(join(site.out, 'authors/jane-doe/rss.xml'), 'utf8');
    expect(rss).toContain('<dc:creator>Jane Doe</dc:creator>\n      <dc:creator>Ahmad Shah</dc:creator>');
    const json = JSON.parse(await readFile(join(site.out, 'authors/jane-doe/feed.json'), 'utf8'));
    expect(json.items.find((i: { url: string }) => i.url.endsWith('/two/')).authors).toEqual([
      { name: 'Jane Doe', url: 'https://zones.example/authors/jane-doe/' },
      { name: 'Ahmad Shah', url: 'https://zones.example/authors/ahmad-shah/' },
    ]);
  });
});
