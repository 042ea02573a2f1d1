import { describe, expect, it } from 'vitest';
import { formatTime, zoneLabel } from '../../../src/archive/format-date.ts';
import { parseArticleDate } from '../../../src/dates/article-date.ts';

/** Instants in August 2021 (northern summer) and January 2021, and each zone's offset then. */
const AUGUST = Date.UTC(2021, 7, 22, 12);
const JANUARY = Date.UTC(2021, 0, 15, 12);
const CASES: [zone: string, epochMs: number, offset: string][] = [
  ['America/Chicago', AUGUST, '-05:00'],
  ['America/Chicago', JANUARY, '-06:00'],
  ['Atlantic/Canary', AUGUST, '+01:00'],
  ['Asia/Kabul', AUGUST, '+04:30'],
  ['Europe/London', JANUARY, '+00:00'],
  ['Europe/London', AUGUST, '+01:00'],
  ['Asia/Calcutta', AUGUST, '+05:30'],
  ['Asia/Kathmandu', AUGUST, '+05:45'],
  ['Asia/Tokyo', AUGUST, '+09:00'],
  ['America/Port-au-Prince', AUGUST, '-04:00'],
  ['Europe/Kyiv', AUGUST, '+03:00'],
  ['UTC', AUGUST, '+00:00'],
  ['Etc/GMT+5', AUGUST, '-05:00'],
];
const labels = (locale: string) => CASES.map(([zone, epochMs, offset]) => `${zone} ${zoneLabel({ zone, epochMs, offset }, locale)}`);

describe('time labels: the zone’s own abbreviation where ICU has one in the page’s language, else the UTC offset', () => {
  it('in English: the abbreviation used in the zone’s country (CDT in Louisiana, IST in India), else UTC±h:mm', () => {
    expect(labels('en-GB')).toEqual([
      'America/Chicago CDT',
      'America/Chicago CST',
      'Atlantic/Canary WEST',
      'Asia/Kabul UTC+4:30',
      'Europe/London GMT',
      'Europe/London BST',
      'Asia/Calcutta IST',
      'Asia/Kathmandu UTC+5:45',
      'Asia/Tokyo UTC+9',
      'America/Port-au-Prince EDT',
      'Europe/Kyiv EEST',
      'UTC UTC',
      'Etc/GMT+5 UTC-5',
    ]);
    // The page's region does not decide it: en-US pages label alike.
    expect(labels('en-US')).toEqual(labels('en-GB'));
  });

  it('in Dari and Pashto, which ICU gives no abbreviations: offsets everywhere, never ICU’s “گرینویچ” forms', () => {
    for (const locale of ['fa', 'fa-AF', 'ps']) {
      expect(labels(locale)).toEqual([
        'America/Chicago UTC-5',
        'America/Chicago UTC-6',
        'Atlantic/Canary UTC+1',
        'Asia/Kabul UTC+4:30',
        'Europe/London UTC',
        'Europe/London UTC+1',
        'Asia/Calcutta UTC+5:30',
        'Asia/Kathmandu UTC+5:45',
        'Asia/Tokyo UTC+9',
        'America/Port-au-Prince UTC-4',
        'Europe/Kyiv UTC+3',
        'UTC UTC',
        'Etc/GMT+5 UTC-5',
      ]);
    }
  });

  it('in German: its own abbreviations where it has them (WESZ), offsets elsewhere', () => {
    expect(labels('de').slice(0, 4)).toEqual([
      'America/Chicago UTC-5',
      'America/Chicago UTC-6',
      'Atlantic/Canary WESZ',
      'Asia/Kabul UTC+4:30',
    ]);
  });

  it('prints the local time before it, and nothing for a day-only date', () => {
    const at = (text: string, zone: string) => {
      const parsed = parseArticleDate(text, zone);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.date;
    };
    expect(formatTime(at('2021-08-22T14:30', 'Asia/Kabul'), 'en-GB')).toBe('14:30 UTC+4:30');
    expect(formatTime(at('2021-08-29T11:55', 'America/Chicago'), 'en-GB')).toBe('11:55 CDT');
    expect(formatTime(at('2021-09-19T15:10', 'Atlantic/Canary'), 'en-GB')).toBe('15:10 WEST');
    expect(formatTime(at('2021-08-22', 'Asia/Kabul'), 'en-GB')).toBeUndefined();
  });
});
