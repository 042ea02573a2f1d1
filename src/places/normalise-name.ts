/**
 * Folds a place name for matching: case, diacritics (Ḩişār → hisar), apostrophes, hyphens and
 * spaces, and Arabic-script letter variants (ي/ی, ك/ک, ة/ه) so spellings compare equal.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ي]/g, 'ی')
    .replace(/[ك]/g, 'ک')
    .replace(/[ة]/g, 'ه')
    .replace(/\u200c|\u200d|\u0640/g, '')
    .replace(/['’‘ʻʼ`´]/g, '')
    .replace(/[\s\-_.]+/g, ' ')
    .trim();
}
