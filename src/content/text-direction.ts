import { memoized } from '../dates/date-formatter.ts';

/** Scripts written right to left, by the language subtag (used when Intl.Locale cannot tell). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku-arab', 'ps', 'sd', 'ug', 'ur', 'yi']);

/**
 * `rtl` or `ltr` for a BCP 47 language tag (`fa` → `rtl`). Answered once a tag: every article
 * asks, and making an Intl.Locale each time was 0.5 s of a 10,000-article build.
 */
export const textDirection: (lang: string) => 'ltr' | 'rtl' = memoized((lang: string) => lang, directionOf);

function directionOf(lang: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(lang) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };
  const direction = locale.getTextInfo?.().direction ?? locale.textInfo?.direction;
  if (direction === 'rtl' || direction === 'ltr') return direction;
  return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
}

/** The canonical form of a language tag, or undefined when it is not one. */
export function canonicalLang(lang: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}
