import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENGLISH_TABLE, SHIPPED_LOCALES, uiStrings } from '../../../src/archive/ui-strings.ts';
import { eventDatetime, formatEventDate, parseEventDate } from '../../../src/dates/event-date.ts';

const shown = (text: string) => {
  const r = parseEventDate(text);
  if (!r.ok) throw new Error(r.reason);
  // ICU puts thin spaces around the range dash.
  return `${formatEventDate(r.date, uiStrings(ENGLISH_TABLE)).replace(/\s/g, ' ')} | ${eventDatetime(r.date)} | ${r.date.precision}`;
};

describe('parseEventDate', () => {
  it('reads days, months, years and ranges with their precision', () => {
    expect(shown('2021-08-20')).toBe('20 August 2021 | 2021-08-20 | day');
    expect(shown('2021-08')).toBe('August 2021 | 2021-08 | month');
    expect(shown('2021')).toBe('2021 | 2021 | year');
    expect(shown('2021-08-20/2021-08-22')).toBe('20 – 22 August 2021 | 2021-08-20 | day');
  });

  it('marks approximate and uncertain dates', () => {
    expect(shown('2021-08-20~')).toBe('about 20 August 2021 | 2021-08-20 | day');
    expect(shown('2021-08-20?')).toBe('20 August 2021 (uncertain) | 2021-08-20 | day');
    // In the interface's language: Dari.
    const dari = uiStrings(parse(readFileSync(join(SHIPPED_LOCALES, 'fa.yaml'), 'utf8'), { schema: 'core' }));
    const about = parseEventDate('2021-08-20%');
    if (!about.ok) throw new Error(about.reason);
    expect(formatEventDate(about.date, dari)).toBe('حدود ۲۹ اسد ۱۴۰۰ (نامطمئن)');
  });

  it('shows an unspecified day or month at the precision that is known', () => {
    expect(shown('2021-08-XX')).toBe('August 2021 | 2021-08 | month');
    expect(shown('2021-XX-XX')).toBe('2021 | 2021 | year');
  });

  it('refuses open-ended ranges, which have no date to show or sort by', () => {
    for (const text of ['2021-08-20/..', '../2021-08-20', '2021-08-20/']) {
      const r = parseEventDate(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.reason).toBe(`\`${text}\` is open-ended.`);
    }
  });

  it('refuses text that is not EDTF and a range that ends before it starts', () => {
    expect(parseEventDate('last week').ok).toBe(false);
    const backwards = parseEventDate('2021-08-22/2021-08-20');
    expect(!backwards.ok && backwards.reason).toContain('the interval ends before it starts');
  });
});
