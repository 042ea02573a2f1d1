import { dateFormatter, memoized } from '../dates/date-formatter.ts';
import type { CalendarDay, CalendarMonth } from './archive.ts';
import { formatMonth } from './format-date.ts';
import type { UiStrings } from './ui-strings.ts';

/** A Monday (2024-01-01), to name the weekdays from. */
const A_MONDAY = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/**
 * A month grid with weeks starting on Monday (ISO 8601). Pure calendar arithmetic in UTC: the
 * days are local days already, so no zone is involved. With `current` (the grid of a day's page),
 * days are links without their counts, so that a report on one day leaves the other days' pages
 * as they were.
 */
export function buildCalendar(
  year: number,
  month: number,
  monthUrl: string,
  days: ReadonlyMap<number, { url: string; count: number }>,
  ui: UiStrings,
  current?: number,
): CalendarMonth {
  const weekdays = weekdaysOf(ui.dateLocale);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysInMonth; day++) {
    const found = days.get(day);
    const cell: CalendarDay = { day, label: ui.number(day) };
    if (found)
      Object.assign(
        cell,
        current === undefined
          ? { url: found.url, count: found.count, countLabel: ui.number(found.count), countText: ui.articleCount(found.count) }
          : { url: found.url },
      );
    if (day === current) cell.current = true;
    cells.push(cell);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return { caption: formatMonth(year, month, ui.dateLocale), url: monthUrl, weekdays, weeks };
}

/** The weekdays' names, Monday first, one list per locale (every grid shares it). */
const weekdaysOf = memoized(
  (locale: string) => locale,
  (locale): CalendarMonth['weekdays'] => {
    const short = dateFormatter(locale, { weekday: 'short', timeZone: 'UTC' });
    const long = dateFormatter(locale, { weekday: 'long', timeZone: 'UTC' });
    return Array.from({ length: 7 }, (_, i) => ({ short: short.format(A_MONDAY + i * DAY_MS), long: long.format(A_MONDAY + i * DAY_MS) }));
  },
);
