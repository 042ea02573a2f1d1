import { describe, expect, it } from 'vitest';
import { canonicalLang, textDirection } from '../../../src/content/text-direction.ts';

describe('textDirection', () => {
  it.each([
    ['fa', 'rtl'],
    ['ps', 'rtl'],
    ['ar', 'rtl'],
    ['fa-AF', 'rtl'],
    ['en', 'ltr'],
    ['fr', 'ltr'],
    ['uz-Latn', 'ltr'],
  ])('gives %s as %s', (lang, dir) => {
    expect(textDirection(lang)).toBe(dir);
  });
});

describe('canonicalLang', () => {
  it.each([
    ['FA', 'fa'],
    ['fa-af', 'fa-AF'],
    ['en', 'en'],
  ])('canonicalises %s as %s', (lang, canonical) => {
    expect(canonicalLang(lang)).toBe(canonical);
  });

  it.each(['not a lang!', '', 'e'])('refuses %j', (lang) => {
    expect(canonicalLang(lang)).toBeUndefined();
  });
});
