import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGLISH_TABLE, SHIPPED_LOCALES, uiStrings } from '../../../src/archive/ui-strings.ts';
import { loadUiTable } from '../../../src/catalogues/interface-strings.ts';

const shipped = (lang: string) => readFileSync(join(SHIPPED_LOCALES, `${lang}.yaml`), 'utf8');
const load = (text: string) => loadUiTable({ file: 'locales/fa.yaml', text });
/** The shipped Dari table with one line replaced (or removed, with `''`). */
const dariWith = (line: RegExp, replacement: string) => {
  const text = shipped('fa');
  expect(text).toMatch(line);
  return text.replace(line, replacement);
};

describe('interface tables', () => {
  it('ship for English, Dari and Pashto, each with every key and placeholder of the English one', () => {
    for (const lang of ['en', 'fa', 'ps']) {
      const { table, messages } = load(shipped(lang));
      expect(messages, lang).toEqual([]);
      expect(Object.keys(table).sort(), lang).toEqual(Object.keys(ENGLISH_TABLE).sort());
    }
  });

  it('write counts, parts and places in the language, numbers in its digits, plurals by its rules', () => {
    const fa = uiStrings(load(shipped('fa')).table);
    const ps = uiStrings(load(shipped('ps')).table);
    const en = uiStrings();
    expect([en.articleCount(1), en.articleCount(1200)]).toEqual(['1 report', '1200 reports']);
    expect([fa.articleCount(1), fa.articleCount(12)]).toEqual(['۱ گزارش', '۱۲ گزارش']);
    expect([ps.articleCount(1), ps.articleCount(12)]).toEqual(['۱ راپور', '۱۲ راپورونه']);
    expect(fa.part(2)).toBe('بخش ۲');
    expect(ps.placeIn('district', ['بغلان', 'افغانستان'])).toBe('ولسوالۍ په بغلان، افغانستان کې');
    expect(fa.placeIn('province', [])).toBe('ولایت');
    expect(en.placeIn('district', ['Baghlan', 'Afghanistan'])).toBe('District in Baghlan, Afghanistan');
    expect(en.newestListed(1, 'year')).toBe('The newest is listed here; every report is on the pages by year.');
    expect(fa.newestListed(20, 'month')).toMatch(/^۲۰ گزارش تازه‌تر/);
  });

  it('report a missing key at its group, and show it in English', () => {
    const { table, messages } = load(dariWith(/^ {2}month: گزارش‌ها به ترتیب ماه\n/m, ''));
    expect(messages).toEqual([
      expect.objectContaining({
        file: 'locales/fa.yaml',
        line: 32,
        severity: 'error',
        ruleId: 'missing-interface-string',
        reason: '`periodsHeading.month` is missing: the interface shows it in English.',
      }),
    ]);
    expect((table.periodsHeading as Record<string, string>).month).toBe('Reports by month');
    const top = load(dariWith(/^home: .*\n/m, '')).messages;
    expect(top.map((m) => [m.ruleId, m.line, m.reason])).toEqual([['missing-interface-string', 1, expect.stringContaining('`home`')]]);
  });

  it('report an unknown key with the nearest one', () => {
    const { messages } = load(dariWith(/^home: /m, 'hom: '));
    expect(messages.map((m) => [m.ruleId, m.line, m.fix ?? ''])).toEqual([
      ['missing-interface-string', 1, expect.stringContaining('`home:`')],
      ['unknown-interface-string', 7, expect.stringContaining('`home`')],
    ]);
  });

  it('report a placeholder left out or not filled in, and a plural form the language does not have', () => {
    const dropped = load(dariWith(/^part: بخش \{n\}$/m, 'part: بخش')).messages;
    expect(dropped.map((m) => [m.ruleId, m.line, m.reason])).toEqual([['invalid-interface-string', 31, '`part` leaves out `{n}`.']]);
    const unknown = load(dariWith(/^part: بخش \{n\}$/m, 'part: بخش {number}')).messages;
    expect(unknown.map((m) => m.reason)).toEqual(['`part` has `{number}`, which Dateline does not fill in here.']);
    const few = load(dariWith(/^ {2}one: "\{count\} گزارش"$/m, '  few: "{count} گزارش"')).messages;
    expect(few.map((m) => [m.ruleId, m.line, m.reason])).toEqual([
      ['invalid-interface-string', 23, '`articleCount.few`: the language has no `few` form (one, other).'],
    ]);
    const noOther = load(dariWith(/^ {2}other: "\{count\} گزارش"\n/m, '')).messages;
    expect(noOther.map((m) => m.reason)).toEqual([
      '`articleCount` has no `other` form, which every number without a form of its own takes.',
    ]);
  });

  it('report a locale that is no BCP 47 tag, and a table that is no map', () => {
    expect(load(dariWith(/^locale: fa-AF$/m, 'locale: Dari!')).messages.map((m) => [m.line, m.reason])).toEqual([
      [6, '`locale: Dari!` is not a BCP 47 locale.'],
    ]);
    expect(load('- home\n').messages.map((m) => m.ruleId)).toEqual(['invalid-interface-string']);
  });
});
