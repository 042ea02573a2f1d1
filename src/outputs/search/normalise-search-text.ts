/**
 * Folds text for search, at build and at query time alike (public/search.js applies the same
 * table; a test keeps them equal): Arabic-script letter variants to the Persian forms (ي → ی,
 * ك → ک, ى → ی), Arabic-Indic and Persian digits to ASCII, zero-width non-joiners to spaces.
 */
export const SEARCH_FOLDS: Readonly<Record<string, string>> = {
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  '\u200c': ' ',
  ...Object.fromEntries([...'٠١٢٣٤٥٦٧٨٩'].map((d, i) => [d, String(i)])),
  ...Object.fromEntries([...'۰۱۲۳۴۵۶۷۸۹'].map((d, i) => [d, String(i)])),
};

const PATTERN = new RegExp(`[${Object.keys(SEARCH_FOLDS).join('')}]`, 'gu');

export function normaliseSearchText(text: string): string {
  return text.replace(PATTERN, (c) => SEARCH_FOLDS[c]!);
}
