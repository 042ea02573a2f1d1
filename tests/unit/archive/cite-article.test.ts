import { describe, expect, it } from 'vitest';
import type { ArticlePage, SiteView } from '../../../src/archive/archive.ts';
import { citationKey, citeArticle, escapeBibtex } from '../../../src/archive/cite-article.ts';

const site: SiteView = {
  language: 'English',
  title: 'Dateline',
  description: '',
  url: 'https://dateline.example.org/',
  lang: 'en',
  dir: 'ltr',
  base: '/',
  urls: { home: '/', archive: '/archive/', places: '/places/', topics: '/topics/', search: '/search/' },
  publisher: 'Dateline',
  ui: {},
  feeds: { atom: '/feed.xml', rss: '/rss.xml', json: '/feed.json' },
  search: { enabled: true, collapsedFacets: [] },
};

function page(title: string, extra: Partial<ArticlePage> = {}): ArticlePage {
  const url = extra.url ?? '/2021/08/22/andarab-resistance/';
  return {
    url,
    outputPath: `${url.slice(1)}index.html`,
    canonical: `https://dateline.example.org${url}`,
    siteLang: 'en',
    file: 'content/2021/08/andarab-resistance.md',
    title,
    lang: 'en',
    dir: 'ltr',
    withdrawn: false,
    status: 'published',
    related: [],
    authors: [],
    datelinePlace: 'Banu, Pol-e-Hesar and De Salah, Baghlan',
    datelineParts: [{ text: 'Banu, Pol-e-Hesar and De Salah, Baghlan' }],
    date: { datetime: '2021-08-22', day: '22 August 2021', utc: '2021-08-21T19:30:00Z', hasTime: false },
    places: [],
    facets: { places: [], topics: [] },
    placeIds: [],
    placeSpellings: [],
    points: [],
    topics: [],
    bodyKey: '',
    textKey: '',
    excerpt: '',
    ogLocale: 'en',
    sources: [],
    corrections: [],
    ...extra,
  };
}

/** The value of one field of a one-entry biblatex string (fields are one a line). */
function field(bibtex: string, name: string): string | undefined {
  const line = bibtex.split('\n').find((l) => l.startsWith(`  ${name} = `));
  return line?.slice(`  ${name} = {`.length).replace(/},?$/, '');
}

/** Braces must balance, ignoring escaped ones, or biber rejects the entry. */
function bracesBalance(s: string): boolean {
  let depth = 0;
  for (const m of s.replace(/\\[{}]/g, '').matchAll(/[{}]/g)) {
    depth += m[0] === '{' ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

describe('citeArticle: plain text', () => {
  it('gives title, publisher, day and permanent URL in news style', () => {
    const { text } = citeArticle(page('Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum'), site);
    expect(text).toBe(
      'Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum. Dateline, 22 August 2021. https://dateline.example.org/2021/08/22/andarab-resistance/',
    );
  });

  it('uses the article’s local day, not the UTC one, and has no access date', () => {
    const { text, bibtex } = citeArticle(page('Late news'), site);
    expect(text).toContain('22 August 2021');
    expect(text).not.toMatch(/accessed|retrieved/i);
    expect(field(bibtex, 'date')).toBe('2021-08-22');
    expect(bibtex).not.toMatch(/urldate/);
  });

  it('adds no second full stop after a title ending in punctuation, and folds line breaks', () => {
    expect(citeArticle(page('Who holds Panjshir?'), site).text).toMatch(/^Who holds Panjshir\? Dateline, /);
    expect(citeArticle(page('Two\n  lines'), site).text).toMatch(/^Two lines\. Dateline/);
  });

  it('names the site’s publisher', () => {
    const { text, bibtex } = citeArticle(page('X'), { ...site, publisher: 'Kabul Desk & Co' });
    expect(text).toBe('X. Kabul Desk & Co, 22 August 2021. https://dateline.example.org/2021/08/22/andarab-resistance/');
    expect(field(bibtex, 'organization')).toBe('Kabul Desk \\& Co');
  });
});

describe('citeArticle: BibTeX', () => {
  it('writes one @online entry with title, organization, date, url and langid', () => {
    const { bibtex } = citeArticle(page('Resistance holds three Andarab districts'), site);
    expect(bibtex).toBe(
      [
        '@online{dateline-2021-08-22-andarab-resistance,',
        '  title = {{Resistance holds three Andarab districts}},',
        '  organization = {Dateline},',
        '  date = {2021-08-22},',
        '  url = {https://dateline.example.org/2021/08/22/andarab-resistance/},',
        '  langid = {english}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes &, %, {, }, _ and the other TeX specials in the title', () => {
    const { bibtex } = citeArticle(page('Aid & 50% more {sic} for UN_OCHA #1 $5 ~ ^ \\ end'), site);
    expect(field(bibtex, 'title')).toBe(
      '{Aid \\& 50\\% more \\{sic\\} for UN\\_OCHA \\#1 \\$5 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} end}',
    );
    expect(bracesBalance(bibtex)).toBe(true);
    // No special character is left bare.
    expect(field(bibtex, 'title')!.replace(/\\(?:[{}#$%&_]|text\w+\{\})/g, '')).not.toMatch(/[#$%&~_^\\]/);
  });

  it('escapes each character once (the braces it writes are not escaped again)', () => {
    expect(escapeBibtex('\\{')).toBe('\\textbackslash{}\\{');
    expect(escapeBibtex('plain')).toBe('plain');
  });

  it('keeps a Persian title as UTF-8 and gives langid persian', () => {
    const title = 'طالبان مدعی تصرف پنجشیر شدند؛ جبهه مقاومت ملی این ادعا را رد کرد';
    const { text, bibtex } = citeArticle(
      page(title, {
        lang: 'fa',
        dir: 'rtl',
        url: '/2021/09/06/panjshir-taliban-claim/',
        date: { datetime: '2021-09-06', day: '6 September 2021', utc: '2021-09-05T19:30:00Z', hasTime: false },
      }),
      site,
    );
    expect(field(bibtex, 'title')).toBe(`{${title}}`);
    expect(field(bibtex, 'langid')).toBe('persian');
    expect(text.startsWith(`${title}. Dateline, 6 September 2021.`)).toBe(true);
  });

  it('leaves langid out for a language without a known name', () => {
    expect(citeArticle(page('X', { lang: 'ht' }), site).bibtex).not.toContain('langid');
    expect(field(citeArticle(page('X', { lang: 'en-GB' }), site).bibtex, 'langid')).toBe('british');
    expect(field(citeArticle(page('X', { lang: 'pt-PT' }), site).bibtex, 'langid')).toBe('portuguese');
  });

  it('uses the local date of a dated-and-timed article', () => {
    const date = {
      datetime: '2021-08-30T23:59:00+04:30',
      day: '30 August 2021',
      time: '23:59 UTC+4:30',
      utc: '2021-08-30T19:29:00Z',
      hasTime: true,
    };
    const { text, bibtex } = citeArticle(page('Last flight', { url: '/2021/08/30/last-us-flight-leaves-kabul/', date }), site);
    expect(field(bibtex, 'date')).toBe('2021-08-30');
    expect(text).toContain('Dateline, 30 August 2021.');
  });
});

describe('citation key', () => {
  it('is ASCII, deterministic, and built from the publisher and the URL', () => {
    const a = page('One');
    expect(citationKey(a, site)).toBe('dateline-2021-08-22-andarab-resistance');
    expect(citeArticle(a, site).bibtex).toBe(citeArticle(page('One'), site).bibtex);
    expect(citeArticle(a, site).bibtex.startsWith('@online{dateline-2021-08-22-andarab-resistance,\n')).toBe(true);
  });

  it.each([
    ['Dateline', 'dateline-2021-08-22-andarab-resistance'],
    ['Ærø Nyheder & Co.', 'aero-nyheder-and-co-2021-08-22-andarab-resistance'],
    ['خبرگزاری', /^[a-z0-9]+(?:-[a-z0-9]+)*-2021-08-22-andarab-resistance$/],
    ['', 'article-2021-08-22-andarab-resistance'],
  ])('is [a-z0-9-] only for the publisher %j', (publisher, expected) => {
    const key = citationKey(page('X'), { publisher });
    expect(key).toMatch(/^[a-z0-9-]+$/);
    if (typeof expected === 'string') expect(key).toBe(expected);
    else expect(key).toMatch(expected);
    expect(key).toBe(citationKey(page('Y'), { publisher }));
  });
});
