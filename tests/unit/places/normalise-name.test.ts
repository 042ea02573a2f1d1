import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../../src/places/normalise-name.ts';

describe('normaliseName', () => {
  it.each([
    ['Pul-e Ḩişār', 'pul e hisar'],
    ['Pol-e-Hesar', 'pol e hesar'],
    ['  Pol_e.Hesar  ', 'pol e hesar'],
    ['‘Unābah', 'unabah'],
    ['Dahana-ye Ghori', 'dahana ye ghori'],
    ['KABUL', 'kabul'],
  ])('folds %j to %j', (name, folded) => {
    expect(normaliseName(name)).toBe(folded);
  });

  it('folds Arabic letter variants to their Persian forms', () => {
    expect(normaliseName('كابلي')).toBe(normaliseName('کابلی'));
    expect(normaliseName('دهنة')).toBe(normaliseName('دهنه'));
  });

  it('drops zero-width joiners and tatweel', () => {
    expect(normaliseName('پل\u200cحصار')).toBe('پلحصار');
    expect(normaliseName('بـغلان')).toBe('بغلان');
  });

  it('keeps different names different', () => {
    expect(normaliseName('Khinj')).not.toBe(normaliseName('Khinjan'));
  });
});
