import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameEntries } from '../../../src/archive/catalogue-pages.ts';
import { closestSlug, entryNamed, loadTopics, nearEntry, writtenName } from '../../../src/catalogues/catalogue.ts';
import { check } from '../../helpers/check.ts';

const FILE = 'content/topics.yaml';
const load = (text: string, lang = 'en') => loadTopics({ file: FILE, text }, lang);
const TOPICS = load(
  [
    'national-resistance-front:',
    '  names: { en: National Resistance Front, fa: جبهه مقاومت ملی }',
    '  description: The armed opposition formed in Panjshir.',
    'taliban:',
    '  names: { en: Taliban, fa: طالبان }',
    'kabul-airport:',
    '  names: { fa: میدان هوایی کابل }',
    'us:',
    '  names: { en: United States }',
  ].join('\n'),
).topics;

describe('the topics file', () => {
  it('reads the example archive’s file without a message', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../content/topics.yaml'), 'utf8');
    const { topics, messages } = load(text);
    expect(messages).toEqual([]);
    expect(topics.find((t) => t.id === 'andarab')).toMatchObject({
      names: { en: 'Andarab', fa: 'اندراب' },
      at: { file: FILE, line: 7, column: 1 },
    });
  });

  it('reports every problem at its line: a key that is no slug, a missing or empty name, a bad language, an unknown field', () => {
    const { topics, messages } = load(
      [
        'Bad Id:', //
        '  names: { en: X }',
        'no-name:',
        '  description: d',
        'empty:',
        '  names: {}',
        'bad-lang:',
        '  names: { "farsi!": x }',
        'typo:',
        '  names: { en: T }',
        '  descripton: d',
        'good:',
        '  names: { en: Good }',
      ].join('\n'),
    );
    const brief = messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    expect(brief).toEqual(['1:1 invalid-topic-id', '3:1 missing-field', '6:10 invalid-field', '8:12 invalid-field', '11:3 unknown-field']);
    expect(messages[0]!.fix).toContain('`bad-id:`');
    expect(messages.at(-1)!.fix).toContain('description');
    expect(topics.map((t) => t.id)).toEqual(['good']);
  });

  it('refuses two entries a tag could not tell apart, and a file that is not a mapping', () => {
    const twice = load(['kabul:', '  names: { en: Kabul }', 'kabul-city:', '  names: { en: Kabul }'].join('\n'));
    expect(twice.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['3 duplicate-topic']);
    expect(load('- a\n- b').messages.map((m) => m.ruleId)).toEqual(['invalid-topics']);
    expect(load('a: [').messages.map((m) => m.ruleId)).toEqual(['yaml-syntax']);
  });

  it('gives a description written as one text the site’s language', () => {
    expect(load('a:\n  names: { fa: الف }\n  description: توضیح', 'fa').topics[0]!.description).toEqual({ fa: 'توضیح' });
  });
});

describe('tags and topics', () => {
  it('finds a tag’s entry by its slug or any of its names, whatever the case', () => {
    for (const tag of ['national-resistance-front', 'National Resistance Front', 'NATIONAL resistance front', 'جبهه مقاومت ملی']) {
      expect(entryNamed(TOPICS, tag)?.id).toBe('national-resistance-front');
    }
    expect(entryNamed(TOPICS, 'Taliban')?.id).toBe('taliban');
    expect(entryNamed(TOPICS, 'Kabul')).toBeUndefined();
  });

  it('takes a tag one or two letters off an entry, or without its hyphens, for a misspelling; not a short or another topic', () => {
    expect(nearEntry(TOPICS, 'Talibaan')?.id).toBe('taliban');
    expect(nearEntry(TOPICS, 'nationalresistancefront')?.id).toBe('national-resistance-front');
    expect(nearEntry(TOPICS, 'National Resistence Frunt')?.id).toBe('national-resistance-front');
    expect(nearEntry(TOPICS, 'Taliban')).toBeUndefined();
    expect(nearEntry(TOPICS, 'uk')).toBeUndefined();
    expect(nearEntry(TOPICS, 'kabul')).toBeUndefined();
    expect(nearEntry(TOPICS, 'Tamil')).toBeUndefined();
    expect(closestSlug('refugee', ['refinery', 'refugees'])).toBe('refugees');
    expect(closestSlug('abcd', ['abce'])).toBeUndefined();
  });

  it('warns at the tag, in the check, about a probable misspelling of an entry', () => {
    const text = [
      '---',
      'title: T',
      'date: 2021-08-22',
      'location: Kabul, Afghanistan',
      'tags: [kabul, Talibaan]',
      '---',
      '',
      'Body.',
    ].join('\n');
    const { article, messages } = check(text, 'content/2021/08/t.md', { topics: TOPICS });
    expect(messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}`)).toEqual(['5:15 warning unknown-topic']);
    expect(messages[0]!.fix).toContain('Did you mean `taliban`?');
    expect(article?.tags).toEqual(['kabul', 'Talibaan']);
    expect(check(text, 'content/2021/08/t.md').messages).toEqual([]);
  });

  it('shows a tag without an entry as written: a slug’s hyphens as spaces, the most used spelling, a name before a slug', () => {
    expect(writtenName(new Map([['kabul-airport', 3]]))).toBe('kabul airport');
    expect(writtenName(new Map([['Pol-e-Hesar', 1]]))).toBe('Pol-e-Hesar');
    expect(
      writtenName(
        new Map([
          ['taliban', 5],
          ['Taliban', 1],
        ]),
      ),
    ).toBe('Taliban');
    expect(
      writtenName(
        new Map([
          ['Kabul Airport', 1],
          ['Kabul airport', 2],
        ]),
      ),
    ).toBe('Kabul airport');
  });

  it('names every topic once for all pages, in the site’s language, and says which entries no tag uses', () => {
    const tags = [
      ['Taliban', 'kabul-airport'],
      ['taliban', 'ISIS-K', 'isis-k', 'National Resistence Front', 'uss'],
    ];
    const { linkOf: topicOf, views, messages } = nameEntries('topic', tags, TOPICS, 'en', '/');
    expect(topicOf('taliban')).toEqual({ name: 'Taliban', url: '/topics/taliban/' });
    expect(topicOf('taliban')).toBe(topicOf('Taliban'));
    // Named only in Dari: the Dari name, marked as such.
    expect(topicOf('kabul-airport')).toEqual({ name: 'میدان هوایی کابل', url: '/topics/kabul-airport/', lang: 'fa' });
    expect(topicOf('isis-k').name).toBe('ISIS-K');
    expect(views.get('/topics/taliban/')).toEqual({ otherNames: [{ name: 'طالبان', url: '/topics/taliban/', lang: 'fa' }] });
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['1 unused-topic', '8 unused-topic']);
    expect(messages[0]!.fix).toBe(
      'Did you mean `national-resistence-front` (the tag of `National Resistence Front`)? Or remove the entry.',
    );
    // `uss` is not taken for `us`: too short to tell a misspelling.
    expect(messages[1]!.fix).toBe('Tag an article with it, or remove the entry.');
    const dari = nameEntries('topic', tags, TOPICS, 'fa', '/');
    expect(dari.linkOf('Taliban')).toEqual({ name: 'طالبان', url: '/topics/taliban/' });
  });
});
