import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, copyFixture, removeTemps } from '../helpers/site.ts';

const report = (slug: string, lang: string, title: string, more = '') =>
  ['---', `title: ${title}`, 'date: 2021-08-24', 'location: Baghlan, Afghanistan', `lang: ${lang}`, `slug: ${slug}`, more, '---', 'Body.']
    .filter(Boolean)
    .join('\n');

let site: BuiltSite;
let broken: BuiltSite;
beforeAll(async () => {
  const root = await copyFixture('zones');
  await writeFile(join(root, 'content/original.md'), report('andarab', 'en', 'Resistance holds Andarab'));
  await writeFile(
    join(root, 'content/dari.md'),
    report('andarab-fa', 'fa-AF', 'مقاومت اندراب را نگه می‌دارد', 'translation_of: 2021/08/24/andarab'),
  );
  await writeFile(
    join(root, 'content/pashto.md'),
    report('andarab-ps', 'ps', 'مقاومت اندراب ساتي', 'translation_of: /2021/08/24/andarab/'),
  );
  site = await buildSite(root);
  const bad = await copyFixture('zones');
  await writeFile(join(bad, 'content/original.md'), report('andarab', 'en', 'Resistance holds Andarab'));
  await writeFile(join(bad, 'content/typo.md'), report('typo', 'fa', 'Typo', 'translation_of: 2021/08/24/andarb'));
  await writeFile(join(bad, 'content/same.md'), report('same', 'en', 'Same language', 'translation_of: 2021/08/24/andarab'));
  await writeFile(join(bad, 'content/chain.md'), report('chain', 'ps', 'Chain', 'translation_of: 2021/08/24/typo'));
  broken = await buildSite(bad);
});
afterAll(removeTemps);

describe('translations', () => {
  it('link each version under the headline, named in its own language, and in the head with hreflang', async () => {
    const page = await site.page('/2021/08/24/andarab/');
    const links = page.all('.article-header .translations a');
    expect(links.map((a) => [a.properties.hrefLang, a.properties.lang])).toEqual([
      ['fa-AF', 'fa-AF'],
      ['ps', 'ps'],
    ]);
    expect(page.text('.article-header .translations')).toBe('Also in: دری · پښتو');
    expect(links.map((a) => a.properties.href)).toEqual(['../andarab-fa/index.html', '../andarab-ps/index.html']);
    const alternates = page.all('link[rel=alternate][hreflang]').map((l) => [l.properties.hrefLang, l.properties.href]);
    expect(alternates).toEqual([
      ['en', 'https://zones.example/2021/08/24/andarab/'],
      ['fa-AF', 'https://zones.example/2021/08/24/andarab-fa/'],
      ['ps', 'https://zones.example/2021/08/24/andarab-ps/'],
    ]);
    const dari = await site.page('/2021/08/24/andarab-fa/');
    expect(dari.all('.translations a').map((a) => a.properties.hrefLang)).toEqual(['en', 'ps']);
    expect(dari.all('link[rel=alternate][hreflang]')).toHaveLength(3);
  });

  it('name the original and the translations in JSON-LD, and list the versions in the sitemap', async () => {
    const jsonLd = async (url: string) => JSON.parse((await site.page(url)).text('script[type="application/ld+json"]'));
    const original = await jsonLd('/2021/08/24/andarab/');
    expect(original.workTranslation.map((w: { inLanguage: string }) => w.inLanguage)).toEqual(['fa-AF', 'ps']);
    const pashto = await jsonLd('/2021/08/24/andarab-ps/');
    expect(pashto.translationOfWork).toMatchObject({ url: 'https://zones.example/2021/08/24/andarab/', inLanguage: 'en' });
    const sitemap = await readFile(join(site.out, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(sitemap).toContain(
      '<loc>https://zones.example/2021/08/24/andarab-ps/</loc>\n    <lastmod>2021-08-24T00:00:00Z</lastmod>\n' +
        '    <xhtml:link rel="alternate" hreflang="en" href="https://zones.example/2021/08/24/andarab/"/>',
    );
  });

  it('report an unknown original with the nearest id, one in the same language, and a translation of a translation', () => {
    expect(broken.report.ok).toBe(false);
    const messages = broken.report.messages.filter((m) => m.ruleId.includes('translation'));
    expect(messages.map((m) => [m.file, m.line, m.ruleId, m.reason, m.fix])).toEqual([
      [
        'content/chain.md',
        7,
        'invalid-translation',
        '`translation_of`: `2021/08/24/typo` is itself a translation, of `2021/08/24/andarb`.',
        'Name the original: `2021/08/24/andarb`.',
      ],
      [
        'content/same.md',
        7,
        'invalid-translation',
        '`translation_of`: `2021/08/24/andarab` is in the same language as this article (`en`).',
        'Set `lang:` to the language this translation is written in.',
      ],
      [
        'content/typo.md',
        7,
        'unknown-translation',
        '`translation_of`: no article has the id `2021/08/24/andarb`.',
        'Did you mean `2021/08/24/andarab`?',
      ],
    ]);
  });
});
