import { afterEach, describe, expect, it } from 'vitest';
import {
  type ArticleDate,
  type DateResult,
  formatOffset,
  isValidZone,
  parseArticleDate,
  suggestZone,
} from '../../../src/dates/article-date.ts';

function ok(result: DateResult): ArticleDate {
  if (!result.ok) throw new Error(`expected a date, got: ${result.reason}`);
  return result.date;
}

function failure(result: DateResult): { reason: string; fix: string } {
  if (result.ok) throw new Error(`expected a failure, got ${result.date.iso}`);
  return result;
}

describe('parseArticleDate', () => {
  it('keeps the local day of a time just after midnight in Kabul while its UTC instant is the day before', () => {
    const d = ok(parseArticleDate('2021-08-22T00:30:00+04:30', 'Asia/Kabul'));
    expect(d).toMatchObject({ year: 2021, month: 8, day: 22, hour: 0, minute: 30, hasTime: true, zone: 'Asia/Kabul', offset: '+04:30' });
    expect(d.iso).toBe('2021-08-22T00:30:00+04:30');
    expect(d.utc).toBe('2021-08-21T20:00:00Z');
    expect(d.epochMs).toBe(Date.UTC(2021, 7, 21, 20, 0, 0));
  });

  it('reads a day-only date as the whole local day, without a time', () => {
    const d = ok(parseArticleDate('2021-08-22', 'Asia/Kabul'));
    expect(d.hasTime).toBe(false);
    expect(d.iso).toBe('2021-08-22');
    expect(d).toMatchObject({ year: 2021, month: 8, day: 22 });
    // The day starts at local midnight, 19:30 UTC the day before.
    expect(d.utc).toBe('2021-08-21T19:30:00Z');
  });

  it('reads a local date-time without offset in the given zone', () => {
    const d = ok(parseArticleDate('2021-08-22T14:30', 'Asia/Kabul'));
    expect(d.iso).toBe('2021-08-22T14:30:00+04:30');
    expect(d.utc).toBe('2021-08-22T10:00:00Z');
  });

  it('accepts a space between date and time and an offset without a colon', () => {
    expect(ok(parseArticleDate('2021-08-22 14:30', 'Asia/Kabul')).utc).toBe('2021-08-22T10:00:00Z');
    expect(ok(parseArticleDate('2021-08-22T14:30:00+0430', 'Asia/Kabul')).iso).toBe('2021-08-22T14:30:00+04:30');
  });

  it('accepts Z in UTC', () => {
    const d = ok(parseArticleDate('2021-08-22T14:30:00Z', 'UTC'));
    expect(d.utc).toBe('2021-08-22T14:30:00Z');
    expect(d.offset).toBe('+00:00');
  });

  describe('whatever process.env.TZ is', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('reads a local date-time in the given zone, not the machine’s', () => {
      process.env.TZ = 'Pacific/Kiritimati';
      // The change took effect: Kiritimati is UTC+14.
      expect(new Date('2021-08-22T00:00:00Z').getTimezoneOffset()).toBe(-14 * 60);
      const kabul = ok(parseArticleDate('2021-08-22T14:30', 'Asia/Kabul'));
      expect(kabul.utc).toBe('2021-08-22T10:00:00Z');
      expect(kabul.iso).toBe('2021-08-22T14:30:00+04:30');
      const utc = ok(parseArticleDate('2021-08-22T14:30', 'UTC'));
      expect(utc.utc).toBe('2021-08-22T14:30:00Z');
      const day = ok(parseArticleDate('2021-08-22', 'UTC'));
      expect(day).toMatchObject({ year: 2021, month: 8, day: 22, utc: '2021-08-22T00:00:00Z' });
    });
  });

  it('refuses a date that is not ISO 8601', () => {
    const f = failure(parseArticleDate('22/08/2021', 'UTC'));
    expect(f.reason).toContain('22/08/2021');
    expect(f.fix).toContain('2021-08-22');
  });

  it.each(['2021-02-30', '2021-13-01', '2021-02-29T10:00'])('refuses %s, which is not on the calendar', (text) => {
    expect(failure(parseArticleDate(text, 'UTC')).reason).toContain(text);
  });

  it('refuses an offset that is not the zone’s, naming both and offering the right forms', () => {
    const f = failure(parseArticleDate('2021-08-22T14:30:00+04:00', 'Asia/Kabul'));
    expect(f.reason).toContain('+04:00');
    expect(f.reason).toContain('+04:30');
    expect(f.fix).toContain('2021-08-22T14:30:00+04:30');
    expect(f.fix).toContain('2021-08-22T15:00:00+04:30');
  });

  it('refuses Z in Asia/Kabul', () => {
    const f = failure(parseArticleDate('2021-08-22T10:00:00Z', 'Asia/Kabul'));
    expect(f.reason).toContain('+04:30');
    expect(f.fix).toContain('2021-08-22T14:30:00+04:30');
  });

  it('refuses a local time skipped by DST and names the first valid time after it', () => {
    const f = failure(parseArticleDate('2021-03-14T02:30', 'America/New_York'));
    expect(f.reason).toContain('02:30');
    expect(f.reason).toContain('America/New_York');
    expect(f.fix).toContain('03:30');
  });

  it('accepts both offsets of a repeated hour when each matches the zone at that instant', () => {
    expect(ok(parseArticleDate('2021-11-07T01:30:00-04:00', 'America/New_York')).utc).toBe('2021-11-07T05:30:00Z');
    expect(ok(parseArticleDate('2021-11-07T01:30:00-05:00', 'America/New_York')).utc).toBe('2021-11-07T06:30:00Z');
  });
});

describe('formatOffset', () => {
  it.each([
    [270, '+04:30'],
    [0, '+00:00'],
    [-240, '-04:00'],
    [-570, '-09:30'],
    [-30, '-00:30'],
    [345, '+05:45'],
    [840, '+14:00'],
  ])('formats %i minutes as %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });
});

describe('suggestZone', () => {
  it.each([
    ['Kabul', 'Asia/Kabul'],
    ['kabul', 'Asia/Kabul'],
    [' Kabul ', 'Asia/Kabul'],
    ['New York', 'America/New_York'],
    ['new-york', 'America/New_York'],
    ['Europe/Kabul', 'Asia/Kabul'],
  ])('suggests %j → %s', (wrong, zone) => {
    expect(suggestZone(wrong)).toBe(zone);
  });

  it('suggests nothing for a name that is no zone’s', () => {
    expect(suggestZone('Atlantis')).toBeUndefined();
  });

  it('suggests a valid zone for Kolkata', () => {
    const zone = suggestZone('Kolkata');
    expect(zone).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    expect(isValidZone(zone!)).toBe(true);
  });
});

describe('isValidZone', () => {
  it.each(['UTC', 'Asia/Kabul', 'America/New_York', 'America/Argentina/Buenos_Aires'])('accepts %s', (zone) => {
    expect(isValidZone(zone)).toBe(true);
  });

  it.each(['Kabul', 'Mars/Olympus', '+04:30', 'EST', ''])('refuses %j', (zone) => {
    expect(isValidZone(zone)).toBe(false);
  });
});

describe('parseArticleDate: days and times a zone skips or repeats', () => {
  it('refuses a day the zone skipped (Samoa moved across the date line in 2011)', () => {
    const r = parseArticleDate('2011-12-30', 'Pacific/Apia');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('2011-12-30 does not exist in Pacific/Apia: the zone skipped that day.');
  });

  it('reads a local time that happens twice, with a warning that asks for the offset', () => {
    const r = parseArticleDate('2021-10-31T01:30', 'Europe/London');
    expect(r.ok && r.warning?.fix).toBe('Write the offset: `2021-10-31T01:30+00:00` or `2021-10-31T01:30+01:00`.');
  });

  it('does not offer a local time that does not exist as the fix for a wrong offset', () => {
    const r = parseArticleDate('2021-03-28T01:30+01:00', 'Europe/London');
    expect(!r.ok && r.fix).toBe(
      'Write `2021-03-28T00:30:00+00:00` for the same instant (01:30 does not exist in Europe/London that day), or set `timezone`.',
    );
  });
});
