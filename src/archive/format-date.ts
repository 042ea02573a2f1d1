import type { ArticleDate } from '../dates/article-date.ts';
import { dateFormatter, memoized } from '../dates/date-formatter.ts';

/** "22 August 2021" in the date's own zone and the interface's locale. */
export const formatDay: (date: ArticleDate, locale: string) => string = memoized(
  // The local day in the date's zone decides it.
  (date, locale) => `${locale}\0${date.zone}\0${date.year}-${date.month}-${date.day}`,
  (date, locale) => dateFormatter(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: date.zone }, `day\0${date.zone}`).format(date.epochMs),
);

/** "August 2021". */
export const formatMonth: (year: number, month: number, locale: string) => string = memoized(
  (year, month, locale) => `${locale}\0${year}-${month}`,
  (year, month, locale) => dateFormatter(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }, 'month').format(Date.UTC(year, month - 1, 15)),
);

/**
 * "14:30 UTC+4:30" or "11:55 CDT": the local time with the zone's short name; ICU's `GMT+x`
 * names are written `UTC+x`. Undefined for day-only dates.
 */
export function formatTime(date: ArticleDate, locale: string): string | undefined {
  if (!date.hasTime) return undefined;
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: date.zone, timeZoneName: 'short' };
  const parts = dateFormatter(locale, options, `time\0${date.zone}`).formatToParts(date.epochMs);
  const time = parts.filter((p) => p.type === 'hour' || p.type === 'minute' || p.type === 'literal').map((p) => p.value).join('').trim();
  const zone = parts.find((p) => p.type === 'timeZoneName')?.value.replace(/^GMT(?=[+-]|$)/, 'UTC') ?? date.offset;
  return `${time} ${zone === 'UTC' ? 'UTC' : zone}`;
}

/** Languages whose readers date by the Solar Hijri calendar, with the locale that names its months. */
const SOLAR_HIJRI_LOCALES: Record<string, string> = { fa: 'fa-AF', ps: 'ps-AF' };

/**
 * The Solar Hijri date of an article in Dari or Pashto ("۳۱ اسد ۱۴۰۰"), in its own zone; Afghan
 * month names. Undefined for other languages.
 */
export function formatSolarHijri(date: ArticleDate, lang: string): { text: string; lang: string } | undefined {
  const base = lang.split('-')[0]!;
  const locale = SOLAR_HIJRI_LOCALES[base];
  if (!locale) return undefined;
  const text = dateFormatter(`${locale}-u-ca-persian`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: date.zone }).format(date.epochMs);
  return { text, lang: base };
}
