import { memoized } from '../dates/date-formatter.ts';

/** A guessed headline is cut to at most this many characters. */
export const HEADLINE_MAX_LENGTH = 90;
/** A cut at a clause boundary (comma, semicolon, dash) is preferred if it keeps this much. */
const CLAUSE_MIN_LENGTH = 40;

/**
 * A headline guessed from a paragraph: its first sentence without the final period, cut at a
 * clause boundary or else a word boundary (marked with `…`) when longer than a headline.
 */
export function headlineFrom(paragraph: string, lang = 'en'): string {
  const segments = sentenceSegmenter(lang).segment(paragraph);
  const first = ([...segments][0]?.segment ?? paragraph)
    .trim()
    .replace(/[.。۔]+$/u, '')
    .trim();
  if (first.length <= HEADLINE_MAX_LENGTH) return first;
  const room = first.slice(0, HEADLINE_MAX_LENGTH + 1);
  const clause = Math.max(
    room.lastIndexOf(', '),
    room.lastIndexOf('; '),
    room.lastIndexOf(' – '),
    room.lastIndexOf(' — '),
    room.lastIndexOf(' - '),
  );
  const cut = clause >= CLAUSE_MIN_LENGTH ? clause : room.lastIndexOf(' ');
  const kept = first.slice(0, cut > 0 ? cut : HEADLINE_MAX_LENGTH);
  return `${kept.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/**
 * One segmenter per language: each holds an ICU break iterator outside V8's heap, and one a call
 * left about 28 MB to the process per 10,000 headlines even after they were collected.
 */
const sentenceSegmenter = memoized(
  (lang: string) => lang,
  (lang) => new Intl.Segmenter(lang, { granularity: 'sentence' }),
);
