import { getTimezone } from 'countries-and-timezones';
import type { ArticleDate } from '../dates/article-date.ts';
import { dateFormatter, memoized } from '../dates/date-formatter.ts';

/**
 * "22 August 2021" in the date's own zone, in the interface's locale and its calendar. Where that
 * calendar is not the Gregorian, the Gregorian date follows in brackets, in the same locale:
 * "۳۱ اسد ۱۴۰۰ (۲۲ اگست ۲۰۲۱)" in `fa-AF`, whose calendar is the Solar Hijri. The era ICU
 * prints where its language has no Solar Hijri pattern (`AP` in Pashto) is left out: a reader
 * of the page knows the calendar.
 */
export const formatDay: (date: ArticleDate, locale: string) => string = memoized(
  // The local day in the date's zone decides it.
  (date, locale) => `${locale}\0${date.zone}\0${date.year}-${date.month}-${date.day}`,
  (date, locale) => {
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: date.zone };
    const day = withoutEra(dateFormatter(locale, options, `day\0${date.zone}`), date.epochMs);
    if (calendarOf(locale) === 'gregory') return day;
    const gregorian = withoutEra(dateFormatter(locale, { ...options, calendar: 'gregory' }, `gregorian-day\0${date.zone}`), date.epochMs);
    return `${day} (${gregorian})`;
  },
);

/**
 * "August 2021": a month of the date archive, whose pages are Gregorian months in every language
 * (the URLs are shared), so named in the Gregorian calendar whatever the locale's ("اگست ۲۰۲۱").
 */
export const formatMonth: (year: number, month: number, locale: string) => string = memoized(
  (year, month, locale) => `${locale}\0${year}-${month}`,
  (year, month, locale) =>
    dateFormatter(locale, { month: 'long', year: 'numeric', timeZone: 'UTC', calendar: 'gregory' }, 'month').format(
      Date.UTC(year, month - 1, 15),
    ),
);

/** The calendar a locale writes dates in by default (`gregory`, `persian`…). */
export const calendarOf: (locale: string) => string = memoized(
  (locale) => locale,
  (locale) => new Intl.DateTimeFormat(locale).resolvedOptions().calendar,
);

/** A date as a formatter writes it, without its era and the space after it. */
function withoutEra(formatter: Intl.DateTimeFormat, epochMs: number): string {
  const parts = formatter.formatToParts(epochMs);
  if (!parts.some((p) => p.type === 'era')) return formatter.format(epochMs);
  return parts
    .filter((p, i) => p.type !== 'era' && !(p.type === 'literal' && parts[i - 1]?.type === 'era'))
    .map((p) => p.value)
    .join('')
    .trim();
}

/**
 * "14:30 UTC+4:30", "11:55 CDT": the local time, and the zone's label by one rule, on every page
 * and in every language: the zone's own abbreviation, as ICU names it in the page's language for
 * the country the zone is in (`CDT` in Louisiana, `WEST` on the Canaries, `IST` in India), where
 * ICU has one; otherwise the UTC offset (`UTC+4:30` in Kabul, `UTC-5`, `UTC`). Undefined for
 * day-only dates.
 */
export function formatTime(date: ArticleDate, locale: string): string | undefined {
  if (!date.hasTime) return undefined;
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: date.zone };
  const time = dateFormatter(locale, options, `time\0${date.zone}`).format(date.epochMs);
  return `${time} ${zoneLabel(date, locale)}`;
}

/** The zone's label at the date's instant (formatTime): its abbreviation, or `UTC±h[:mm]`. */
export function zoneLabel(date: Pick<ArticleDate, 'zone' | 'epochMs' | 'offset'>, locale: string): string {
  const name = dateFormatter(zoneLocaleOf(date.zone, locale), { timeZone: date.zone, timeZoneName: 'short' }, `zone\0${date.zone}`)
    .formatToParts(date.epochMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  // An abbreviation is letters only; ICU's other names are offsets (`GMT+4:30`, `‎+۴:۳۰ گرینویچ`).
  return name !== undefined && /^\p{L}+$/u.test(name) ? name : utcOffset(date.offset);
}

/** The page's language in the zone's country (`en-US` for America/Chicago on an en-GB page). */
const zoneLocaleOf: (zone: string, locale: string) => string = memoized(
  (zone, locale) => `${zone}\0${locale}`,
  (zone, locale) => {
    const country = countryOfZone(zone);
    return country ? `${new Intl.Locale(locale).language}-${country}` : locale;
  },
);

/** `+04:30` → `UTC+4:30`, `-05:00` → `UTC-5`, `+00:00` → `UTC`. */
function utcOffset(offset: string): string {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!m || (m[2] === '00' && m[3] === '00')) return 'UTC';
  return `UTC${m[1]}${Number(m[2])}${m[3] === '00' ? '' : `:${m[3]}`}`;
}

/**
 * The country a zone is in (`Asia/Kabul` → `AF`; of several, the first the tz database names:
 * `Europe/London` → `GB`), by countries-and-timezones; none for `UTC` and `Etc/` zones.
 */
function countryOfZone(zone: string): string | undefined {
  return getTimezone(zone)?.countries[0];
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
  const text = dateFormatter(`${locale}-u-ca-persian`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: date.zone }).format(
    date.epochMs,
  );
  return { text, lang: base };
}
