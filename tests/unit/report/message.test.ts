import { describe, expect, it } from 'vitest';
import { compareText, countMessages, formatMessages, type Message, plural, sortMessages } from '../../../src/report/message.ts';

const m = (file: string, line: number, column: number, ruleId: string, severity: Message['severity'] = 'error', fix?: string): Message => ({
  file,
  line,
  column,
  severity,
  ruleId,
  reason: `${ruleId} here.`,
  fix,
});

describe('sortMessages', () => {
  it('sorts by file, line, column, then rule id, without changing its input', () => {
    const input = [m('b.md', 1, 1, 'a'), m('a.md', 2, 1, 'a'), m('a.md', 1, 5, 'a'), m('a.md', 1, 5, '0'), m('a.md', 1, 2, 'z')];
    const sorted = sortMessages(input);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.column}:${x.ruleId}`)).toEqual([
      'a.md:1:2:z',
      'a.md:1:5:0',
      'a.md:1:5:a',
      'a.md:2:1:a',
      'b.md:1:1:a',
    ]);
    expect(input[0]!.file).toBe('b.md');
  });

  it('orders files by code point, not locale (upper case first)', () => {
    expect(sortMessages([m('a.md', 1, 1, 'x'), m('B.md', 1, 1, 'x')]).map((x) => x.file)).toEqual(['B.md', 'a.md']);
    expect(compareText('B', 'a')).toBe(-1);
    expect(compareText('a', 'a')).toBe(0);
  });
});

describe('formatMessages', () => {
  it('writes file:line:col: severity reason fix [rule] and a count', () => {
    const text = formatMessages([
      m('content/x.md', 5, 11, 'invalid-timezone', 'error', 'Did you mean `Asia/Kabul`?'),
      m('content/x.md', 4, 1, 'unknown-place', 'warning'),
    ]);
    expect(text.split('\n')).toEqual([
      'content/x.md:4:1: warning unknown-place here. [unknown-place]',
      'content/x.md:5:11: error invalid-timezone here. Did you mean `Asia/Kabul`? [invalid-timezone]',
      '',
      '2 messages (1 error, 1 warning)',
    ]);
  });

  it('writes nothing for no messages', () => {
    expect(formatMessages([])).toBe('');
  });
});

describe('countMessages and plural', () => {
  it('counts errors and warnings', () => {
    expect(countMessages([m('a', 1, 1, 'x'), m('a', 1, 1, 'y', 'warning'), m('a', 1, 1, 'z')])).toEqual({ errors: 2, warnings: 1 });
  });

  it('pluralises all but one', () => {
    expect([plural(0, 'error'), plural(1, 'error'), plural(2, 'error')]).toEqual(['0 errors', '1 error', '2 errors']);
  });
});
