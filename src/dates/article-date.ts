import { DateTime, IANAZone } from 'luxon';
import { memoized } from './date-formatter.ts';

/** A date as written by a writer, read once in its zone. */
export interface ArticleDate {
  /** ISO 8601 as it should appear in `<time datetime>`: `2021-08-22` or `2021-08-22T14:30:00+04:30`. */
  iso: string;
  /** The UTC instant, ISO 8601 with `Z` (for a day: its start in the zone), for sorting and feeds. */
  utc: string;
  /** Milliseconds since the epoch of `utc`. */
  epochMs: number;
  zone: string;
  /** Whether a time of day was given; without one, the value means the whole local day. */
  hasTime: boolean;
  /** Local calendar parts in `zone`. */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** The UTC offset in force, `+04:30`. */
  offset: string;
}

export type DateResult =
  | {
      ok: true;
      date: ArticleDate /** Read, but worth a warning (a local time that happens twice). */;
      warning?: { reason: string; fix: string };
    }
  | { ok: false; reason: string; fix: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Whether `zone` is an IANA time-zone name this runtime knows; answered once a zone name. Luxon
 * asks by making an Intl.DateTimeFormat, whose ICU objects sit outside V8's heap: one an article
 * kept about 270 MB of the process's memory at 10,000 articles.
 */
export const isValidZone: (zone: string) => boolean = memoized(
  (zone: string) => zone,
  (zone) => (/^[A-Za-z]/.test(zone) && zone.includes('/') ? IANAZone.isValidZone(zone) : zone === 'UTC'),
);

/**
 * A valid zone's name as the IANA database spells it (`america/new_york` → `America/New_York`):
 * zone names match whatever their case, and the spelling decides the zone's label (its country,
 * hence `EST`). Once a name, as isValidZone.
 */
export const canonicalZone: (zone: string) => string = memoized(
  (zone: string) => zone,
  (zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone,
);

/**
 * Reads a front-matter date in `zone` (an IANA name): a day (`2021-08-22`, that day in the zone),
 * a local date-time (`2021-08-22T14:30`, read in the zone) or a date-time with an offset, which
 * must be the offset the zone has at that instant. Never uses the machine's time zone.
 */
export function parseArticleDate(text: string, zone: string): DateResult {
  const day = DAY.exec(text);
  if (day) {
    const dt = DateTime.fromObject({ year: +day[1]!, month: +day[2]!, day: +day[3]! }, { zone });
    if (!dt.isValid) return invalidCalendarDate(text);
    if (dt.day !== +day[3]!) {
      return {
        ok: false,
        reason: `${text} does not exist in ${zone}: the zone skipped that day.`,
        fix: `Check the date; it became ${dt.toISODate()} there.`,
      };
    }
    return { ok: true, date: toArticleDate(dt, zone, false) };
  }
  const m = DATE_TIME.exec(text);
  if (!m) {
    return {
      ok: false,
      reason: `\`${text}\` is not a date.`,
      fix: 'Write a day as `2021-08-22`, or a time as `2021-08-22T14:30:00+04:30` (ISO 8601).',
    };
  }
  const [, y, mo, d, h, mi, s, offsetText] = m;
  const local = { year: +y!, month: +mo!, day: +d!, hour: +h!, minute: +mi!, second: s ? +s : 0 };
  if (local.hour > 23 || local.minute > 59 || local.second > 59) {
    return {
      ok: false,
      reason: `\`${text}\` is not a time of day.`,
      fix: 'Hours run from 00 to 23 and minutes from 00 to 59; midnight is `T00:00` of the next day.',
    };
  }
  // The local time read in the zone; with an offset written, needed only when it is wrong (each
  // reading asks the zone its offset two or three times, through Intl: 0.1-0.2 ms a date).
  const readInZone = () => DateTime.fromObject(local, { zone });
  if (offsetText === undefined) {
    const inZone = readInZone();
    if (!inZone.isValid) return invalidCalendarDate(text);
    // Luxon moves a time in a DST gap forward; a time that does not exist is the writer's mistake.
    if (inZone.hour !== local.hour || inZone.minute !== local.minute) {
      return {
        ok: false,
        reason: `${h}:${mi} on ${y}-${mo}-${d} does not exist in ${zone} (the clocks skip it).`,
        fix: `Check the time; ${inZone.toFormat('HH:mm')} is the first valid time after it.`,
      };
    }
    const twice = otherReading(inZone, zone);
    return {
      ok: true,
      date: toArticleDate(inZone, zone, true),
      ...(twice && {
        warning: {
          reason: `${h}:${mi} on ${y}-${mo}-${d} happens twice in ${zone} (${formatOffset(inZone.offset)} and ${formatOffset(twice.offset)}); it was read as ${formatOffset(inZone.offset)}.`,
          fix: `Write the offset: \`${text}${formatOffset(inZone.offset)}\` or \`${text}${formatOffset(twice.offset)}\`.`,
        },
      }),
    };
  }
  const withOffset = DateTime.fromISO(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${normaliseOffset(offsetText)}`, {
    setZone: true,
  });
  if (!withOffset.isValid && !readInZone().isValid) return invalidCalendarDate(text);
  const expected = withOffset.setZone(zone);
  if (expected.offset !== withOffset.offset) {
    const inZone = readInZone();
    return {
      ok: false,
      reason: `The offset ${formatOffset(withOffset.offset)} does not match ${zone}, which is ${formatOffset(expected.offset)} on ${expected.toFormat('yyyy-MM-dd')}.`,
      fix:
        inZone.hour === local.hour && inZone.minute === local.minute
          ? `Write \`${expected.toISO({ suppressMilliseconds: true })}\` for the same instant, or \`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${formatOffset(inZone.offset)}\` for the same local time, or set \`timezone\`.`
          : `Write \`${expected.toISO({ suppressMilliseconds: true })}\` for the same instant (${h}:${mi} does not exist in ${zone} that day), or set \`timezone\`.`,
    };
  }
  return { ok: true, date: toArticleDate(expected, zone, true) };
}

/**
 * The other instant with the same local time, when the clocks go back and the time happens
 * twice; undefined otherwise. Luxon reads such a time with the earlier offset.
 */
function otherReading(dt: DateTime, zone: string): DateTime | undefined {
  for (const hours of [-3, 3]) {
    const offset = dt.plus({ hours }).offset;
    if (offset === dt.offset) continue;
    const candidate = DateTime.fromMillis(dt.toMillis() + (dt.offset - offset) * 60_000, { zone });
    if (candidate.hour === dt.hour && candidate.minute === dt.minute && candidate.day === dt.day && candidate.offset === offset)
      return candidate;
  }
  return undefined;
}

function invalidCalendarDate(text: string): DateResult {
  return { ok: false, reason: `\`${text}\` is not a calendar date.`, fix: 'Check the month and day.' };
}

function toArticleDate(dt: DateTime, zone: string, hasTime: boolean): ArticleDate {
  const utc = dt.toUTC();
  return {
    // Always a numeric offset (RFC 3339), `+00:00` rather than `Z`, like every other zone.
    iso: hasTime ? `${dt.toFormat("yyyy-MM-dd'T'HH:mm:ss")}${formatOffset(dt.offset)}` : dt.toISODate()!,
    utc: utc.toISO({ suppressMilliseconds: true })!,
    epochMs: dt.toMillis(),
    zone,
    hasTime,
    year: dt.year,
    month: dt.month,
    day: dt.day,
    hour: dt.hour,
    minute: dt.minute,
    offset: formatOffset(dt.offset),
  };
}

function normaliseOffset(offset: string): string {
  if (offset === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** Minutes east of UTC as `+04:30`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const ZONE_AREAS = ['Africa', 'America', 'Antarctica', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific'];

/** The closest IANA zone names to a wrong one (`Kabul` → `Asia/Kabul`). */
export function suggestZone(wrong: string): string | undefined {
  // Try the name under each IANA area first: ICU's list lags renames (Asia/Calcutta, not Asia/Kolkata).
  const city = wrong
    .trim()
    .replace(/[\s-]+/g, '_')
    .replace(/(^|_)(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  const direct = ZONE_AREAS.map((area) => `${area}/${city}`).find((z) => IANAZone.isValidZone(z));
  if (direct) return direct;
  const zones = Intl.supportedValuesOf('timeZone');
  const key = wrong
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return zones.find((z) => z.toLowerCase() === key) ?? zones.find((z) => z.toLowerCase().split('/').pop() === key.split('/').pop());
}
