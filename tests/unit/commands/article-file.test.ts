import { describe, expect, it } from 'vitest';
import { slugForTitle } from '../../../src/commands/article-project.ts';
import { currentTime } from '../../../src/commands/clock.ts';
import { soleZoneOf } from '../../../src/commands/country-zone.ts';
import { formatArticle } from '../../../src/content/format-article.ts';
import { DATE_PATTERN } from '../../../src/content/front-matter-json-schema.ts';
import { parseArticleDate } from '../../../src/dates/article-date.ts';
import { check } from '../../helpers/check.ts';

describe('formatArticle', () => {
  it('writes front matter the checker reads back exactly, quoting only where YAML needs it', () => {
    const titles = [
      'Taliban: "we won"',
      "It's #1",
      'null',
      '2021',
      '- dash',
      '[bracket]',
      'yes',
      `A ${'long '.repeat(30)}headline`,
      'پنجشیر سقوط نکرده',
    ];
    for (const title of titles) {
      const text = formatArticle(
        {
          title,
          date: '2021-08-22',
          timezone: 'Asia/Kabul',
          location: ['Banu, Baghlan, Afghanistan', 'af/panjshir'],
          tags: ['andarab', 'taliban'],
          summary: undefined,
        },
        'Body.',
      );
      const { article, messages } = check(text);
      expect(messages, title).toEqual([]);
      expect(article).toMatchObject({ title: title.trim(), zone: 'Asia/Kabul', tags: ['andarab', 'taliban'], body: 'Body.\n' });
      expect(
        text.split('\n').filter((l) => l.startsWith('title:')),
        title,
      ).toHaveLength(1);
    }
  });

  it('writes the fields in order, tags inline, dates plain, and nothing undefined', () => {
    expect(
      formatArticle(
        {
          title: 'Kabul falls',
          date: '2021-08-15T16:00:00+04:30',
          location: 'Kabul, Afghanistan',
          tags: ['taliban', 'kabul'],
          lang: undefined,
        },
        '',
      ),
    ).toBe('---\ntitle: Kabul falls\ndate: 2021-08-15T16:00:00+04:30\nlocation: Kabul, Afghanistan\ntags: [taliban, kabul]\n---\n');
  });
});

describe('DATE_PATTERN (the JSON Schema’s dates)', () => {
  it('matches what parseArticleDate reads, and not what it refuses as no date', () => {
    const pattern = new RegExp(DATE_PATTERN);
    const goods: [string, string][] = [
      ['2021-08-22', 'Asia/Kabul'],
      ['2021-08-22T14:30', 'Asia/Kabul'],
      ['2021-08-22 14:30', 'Asia/Kabul'],
      ['2021-08-22T14:30:00', 'Asia/Kabul'],
      ['2021-08-22T14:30:00+04:30', 'Asia/Kabul'],
      ['2021-08-22T14:30+0430', 'Asia/Kabul'],
      ['2021-08-22T14:30:00.5Z', 'UTC'],
    ];
    for (const [good, zone] of goods) {
      expect(parseArticleDate(good, zone).ok, good).toBe(true);
      expect(pattern.test(good), good).toBe(true);
    }
    for (const bad of ['22/08/2021', 'last week', '2021-08', '2021-08-22T14', '2021-08-22T14:30:00+4:30']) {
      expect(parseArticleDate(bad, 'Asia/Kabul').ok, bad).toBe(false);
      expect(pattern.test(bad), bad).toBe(false);
    }
  });
});

describe('slugForTitle', () => {
  it('makes a file name from a headline, cut at a word when long', () => {
    expect(slugForTitle('Taliban: "We won\'t stop" — Kabul')).toBe('taliban-we-wont-stop-kabul');
    const long = slugForTitle('Commander Lutfullah, who is leading the Andarab resistance in Afghanistan, in a video');
    expect(long).toBe('commander-lutfullah-who-is-leading-the-andarab-resistance-in');
    expect(slugForTitle('؟!')).toBe('');
  });
});

describe('currentTime', () => {
  it('is DATELINE_NOW when set, read as UTC without an offset', () => {
    expect(currentTime({ DATELINE_NOW: '2021-08-21T20:00:00Z' })).toBe(Date.UTC(2021, 7, 21, 20));
    expect(currentTime({ DATELINE_NOW: '2021-08-21T20:00:00' })).toBe(Date.UTC(2021, 7, 21, 20));
    expect(currentTime({ DATELINE_NOW: '2021-08-22T00:30:00+04:30' })).toBe(Date.UTC(2021, 7, 21, 20));
    expect(() => currentTime({ DATELINE_NOW: 'tomorrow' })).toThrow('DATELINE_NOW=tomorrow is not an ISO 8601 instant');
    expect(Math.abs(currentTime({}) - Date.now())).toBeLessThan(1000);
  });
});

describe('soleZoneOf', () => {
  it('gives the zone of a country with one, and nothing for several', () => {
    expect(soleZoneOf('AF')).toBe('Asia/Kabul');
    expect(soleZoneOf('US')).toBeUndefined();
    expect(soleZoneOf('not a code')).toBeUndefined();
  });
});
