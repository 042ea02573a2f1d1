import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/site.ts';

// A computed path: the page script is plain JavaScript, outside the type-checked sources.
const script = join(repoRoot, 'public', 'search.js');
const { matchedSpelling } = (await import(script)) as {
  matchedSpelling: (spellings: string, query: string, excerpt?: string) => string | undefined;
};

const ANDARAB = 'Banu · بانو · Pol-e-Hesar · Pul-e Hisar · Puli Hisar · پل حصار · Baghlan · Baglan · بغلان · Afghanistan';

describe('matchedSpelling: the spelling a search result was found by', () => {
  it.each([
    ['پل حصار', 'A report from <mark>Baghlan</mark>', 'پل حصار'],
    ['Pul-e Hisar', 'Banu, <mark>Pol</mark>-e-Hesar and De Salah', 'Pul-e Hisar'],
    ['puli hisar', '', 'Puli Hisar'],
    ['PULEHISAR', '', 'Pul-e Hisar'],
    ['Baglan', 'districts of northern Afghanistan', 'Baglan'],
  ])('finds %j (excerpt %j) by %j', (query, excerpt, spelling) => {
    expect(matchedSpelling(ANDARAB, query, excerpt)).toBe(spelling);
  });

  it('names none when the report’s own words, highlighted, hold the whole query', () => {
    expect(matchedSpelling(ANDARAB, 'Baghlan', 'in <mark>Baghlan</mark> province')).toBeUndefined();
    expect(matchedSpelling(ANDARAB, 'Afghan districts', '<mark>Afghanistan</mark>’s <mark>districts</mark>')).toBeUndefined();
  });

  it('names none when no spelling holds the query, or there is no query', () => {
    expect(matchedSpelling(ANDARAB, 'Kabul', '')).toBeUndefined();
    expect(matchedSpelling(ANDARAB, '  ', '')).toBeUndefined();
  });
});
