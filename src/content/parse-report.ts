/** A block of an imported report: a paragraph, or a short line taken for a subheading. */
export interface ReportBlock {
  kind: 'paragraph' | 'heading';
  text: string;
}

/** A raw text report, read: its day and its blocks in order. */
export type ParsedReport =
  | { ok: true /** `YYYY-MM-DD`, as written in the header. */; day: string; blocks: ReportBlock[] }
  | { ok: false; reason: string; fix: string };

/** `date 2021-08-22` (or `Date: 2021-08-22`) at the start of the first line. */
const DATE_HEADER = /^date:?[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)[ \t]*/i;

/** A subheading is a short line: at most this many words… */
const HEADING_MAX_WORDS = 10;
/** …and characters, */
const HEADING_MAX_LENGTH = 80;
/** …starting with a letter or digit (not a quote or a dash) and ending without a sentence's final punctuation… */
const HEADING_SHAPE = /^[\p{L}\p{N}].*[\p{L}\p{N}?!]$/u;
/** …and not a numbered point (`1. …`, `2) …`). */
const NUMBERED = /^\d+[.)]\s/;

/**
 * Reads a raw report: a first line starting with `date YYYY-MM-DD` (the first paragraph may
 * follow on the same line), then paragraphs separated by blank lines. A paragraph's line breaks
 * become spaces (reports are often wrapped for e-mail). A short line between paragraphs with no
 * final period (`Taliban vs Northern alliance?`) is taken for a subheading.
 */
export function parseReport(raw: string): ParsedReport {
  const text = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/^\s+/, '');
  const header = DATE_HEADER.exec(text);
  if (!header) {
    const first = text.split('\n', 1)[0]!.slice(0, 40);
    return {
      ok: false,
      reason: first === '' ? 'The report is empty.' : `The first line (\`${first}\`) does not start with a date header.`,
      fix: 'Start the report with `date YYYY-MM-DD`, e.g. `date 2021-08-22`.',
    };
  }
  const paragraphs = text
    .slice(header[0].length)
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0)
    return { ok: false, reason: 'The report has no text after its date header.', fix: 'Add the report’s text after the date.' };
  const blocks = paragraphs.map(
    (p, i): ReportBlock => ({
      // The first and the last paragraph are never headings: a lead, a sign-off.
      kind: i > 0 && i < paragraphs.length - 1 && looksLikeHeading(p) ? 'heading' : 'paragraph',
      text: p,
    }),
  );
  return { ok: true, day: header[1]!, blocks };
}

function looksLikeHeading(paragraph: string): boolean {
  return (
    paragraph.length <= HEADING_MAX_LENGTH &&
    paragraph.split(' ').length <= HEADING_MAX_WORDS &&
    HEADING_SHAPE.test(paragraph) &&
    !NUMBERED.test(paragraph)
  );
}
