import type { ArticleDate } from '../dates/article-date.ts';

/** "22 August 2021" in the date's own zone and the interface's locale. */
export function formatDay(date: ArticleDate, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: date.zone }).format(date.epochMs);
}

/** "August 2021". */
export function formatMonth(year: number, month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 15));
}

/**
 * "14:30 UTC+4:30" or "11:55 CDT": the local time with the zone's short name; ICU's `GMT+x`
 * names are written `UTC+x`. Undefined for day-only dates.
 */
export function formatTime(date: ArticleDate, locale: string): string | undefined {
  if (!date.hasTime) return undefined;
  const parts = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: date.zone, timeZoneName: 'short' }).formatToParts(date.epochMs);
  const time = parts.filter((p) => p.type === 'hour' || p.type === 'minute' || p.type === 'literal').map((p) => p.value).join('').trim();
  const zone = parts.find((p) => p.type === 'timeZoneName')?.value.replace(/^GMT(?=[+-]|$)/, 'UTC') ?? date.offset;
  return `${time} ${zone === 'UTC' ? 'UTC' : zone}`;
}
