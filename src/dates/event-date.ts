import edtf from 'edtf';
import { dateFormatter } from './date-formatter.ts';

/** When the reported events happened: an EDTF date or interval with its precision. */
export interface EventDate {
  /** As written (EDTF, https://www.loc.gov/standards/datetime/). */
  edtf: string;
  /** Earliest and latest calendar instant covered (UTC calendar, not a zone's), for ordering. */
  min: number;
  max: number;
  precision: 'day' | 'month' | 'year';
  interval: boolean;
  /** `?` in EDTF. */
  uncertain: boolean;
  /** `~` in EDTF. */
  approximate: boolean;
}

export type EventDateResult = { ok: true; date: EventDate } | { ok: false; reason: string; fix: string };

const PRECISION = { 1: 'year', 2: 'month', 3: 'day' } as const;

/** Reads an EDTF date (`2021-08-20`, `2021-08`, `2021`, `2021-08-20?`, `2021~`) or interval (`2021-08-20/2021-08-22`). */
export function parseEventDate(text: string): EventDateResult {
  let value: ReturnType<typeof edtf>;
  try {
    value = edtf(text);
  } catch (error) {
    const reason = String((error as Error).message)
      .split('\n')[0]!
      .replace(/^invalid upper bound.*/, 'the interval ends before it starts');
    return {
      ok: false,
      reason: `\`${text}\` is not an EDTF date (${reason}).`,
      fix: 'Write a day `2021-08-20`, a month `2021-08`, a year `2021`, or a range `2021-08-20/2021-08-22`; add `?` if uncertain, `~` if approximate.',
    };
  }
  if (!Number.isFinite(value.min) || !Number.isFinite(value.max)) {
    return {
      ok: false,
      reason: `\`${text}\` is open-ended.`,
      fix: 'Give both ends of the range, such as `2021-08-20/2021-08-22`; for an unknown end, give the latest date it could be.',
    };
  }
  if (value.type !== 'Date' && value.type !== 'Interval') {
    return {
      ok: false,
      reason: `\`${text}\` is an EDTF ${value.type}, not a date or range.`,
      fix: 'Write a day, month, year or range such as `2021-08-20/2021-08-22`.',
    };
  }
  const interval = value.type === 'Interval';
  // An unspecified day or month (`2021-08-XX`, `2021-XX-XX`) lowers the precision shown.
  const stated = (interval ? (value as unknown as { lower?: { precision?: number } }).lower?.precision : value.precision) ?? 3;
  const precision = /^-?\d{4}-(?:XX|\d{2})-XX/.test(text) ? (/^-?\d{4}-XX/.test(text) ? 1 : 2) : stated;
  return {
    ok: true,
    date: {
      edtf: text,
      min: value.min,
      max: value.max,
      precision: PRECISION[precision as 1 | 2 | 3] ?? 'day',
      interval,
      uncertain: text.includes('?') || text.includes('%'),
      approximate: text.includes('~') || text.includes('%'),
    },
  };
}

/**
 * "20–22 August 2021", "August 2021", "about 2021", "20 August 2021 (uncertain)": the words
 * around an approximate or uncertain date in the interface's language (UiStrings).
 */
export function formatEventDate(
  date: EventDate,
  ui: { dateLocale: string; eventAbout: (date: string) => string; eventUncertain: (date: string) => string },
): string {
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'UTC',
    year: 'numeric',
    ...(date.precision !== 'year' ? { month: 'long' } : {}),
    ...(date.precision === 'day' ? { day: 'numeric' } : {}),
  };
  const format = dateFormatter(ui.dateLocale, options);
  const text = date.interval ? format.formatRange(date.min, date.max) : format.format(date.min);
  const about = date.approximate ? ui.eventAbout(text) : text;
  return date.uncertain ? ui.eventUncertain(about) : about;
}

/** The start for `<time datetime>`: `2021-08-20`, `2021-08` or `2021`. */
export function eventDatetime(date: EventDate): string {
  const iso = new Date(date.min).toISOString();
  return iso.slice(0, date.precision === 'day' ? 10 : date.precision === 'month' ? 7 : 4);
}
