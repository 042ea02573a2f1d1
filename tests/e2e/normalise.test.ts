import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseSearchText, SEARCH_FOLDS } from '../../src/outputs/search/normalise-search-text.ts';
import { random } from '../helpers/random.ts';
import { repoRoot } from '../helpers/site.ts';

/**
 * public/search.js folds the query with its own copy of the index's fold table (the browser
 * cannot import the build's TypeScript). These tests keep the two copies equal.
 */
// A computed path: the page script is plain JavaScript, outside the type-checked sources.
const script = join(repoRoot, 'public', 'search.js');
const { foldSearchText } = (await import(script)) as { foldSearchText: (text: string) => string };

const SAMPLES = [
  '',
  'Pul-e Hisar',
  'پل حصار',
  'پنجشير',
  'پنجشیر',
  'كابل',
  'کابل',
  'مصطفى',
  'علي',
  'می‌خواهم',
  'نیم‌فاصله‌ها‌ی‌ پشت‌سرهم',
  '۱۴۰۰/۰۵/۳۱',
  '٢٠٢١-٠٨-٢٢',
  'Kabul ۲۰۲۱ كابل ٢٠٢١',
  'Pol-e-Hesar, Baghlan, Afghanistan',
  'Ḥiṣār · Andarāb · Banū',
  'São Tomé, Ciudad de México, Łódź',
  '\u200b\u200c\u200d\u200e\u200f',
  'ﻙ ﻱ ﯼ ﮎ ي‌ك',
  '😀 emoji, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and a lone ZWNJ\u200c',
  'ی ي ى ې ۍ ئ',
  '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789',
];

describe('the query fold of public/search.js', () => {
  it('is exported by the page script (an ES module)', () => {
    expect(typeof foldSearchText).toBe('function');
  });

  it('equals normaliseSearchText on hand-picked strings in Latin, Persian and Arabic', () => {
    for (const text of SAMPLES) expect(foldSearchText(text), JSON.stringify(text)).toBe(normaliseSearchText(text));
  });

  it('folds what the table folds: Arabic ي, ى and ك, ZWNJ, Arabic-Indic and Persian digits', () => {
    expect(foldSearchText('علي كابل مصطفى')).toBe('علی کابل مصطفی');
    expect(foldSearchText('می‌خواهم')).toBe('می خواهم');
    expect(foldSearchText('٢٠٢١ ۱۴۰۰')).toBe('2021 1400');
    for (const [from, to] of Object.entries(SEARCH_FOLDS)) expect(foldSearchText(from)).toBe(to);
  });

  it('equals normaliseSearchText on every character of the Basic Multilingual Plane', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      if (foldSearchText(c) !== normaliseSearchText(c)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('equals normaliseSearchText on 5,000 random strings mixing the folded characters with others', () => {
    const alphabet = [...Object.keys(SEARCH_FOLDS), ...'abc XYZ-·,.:ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀأإآءئؤة\u200d\u200f 😀éñ'];
    const next = random(2021);
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(next() * 40);
      const text = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(foldSearchText(text), JSON.stringify(text)).toBe(normaliseSearchText(text));
    }
  });
});
