import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/report/message.ts';
import { check } from '../../helpers/check.ts';

const FILE = 'content/2021/08/test.md';

/** The one message with `ruleId`; fails (showing all messages) when there is not exactly one. */
function one(messages: readonly Message[], ruleId: string): Message {
  const found = messages.filter((m) => m.ruleId === ruleId);
  expect(found, JSON.stringify(messages, null, 2)).toHaveLength(1);
  return found[0]!;
}

function errors(messages: readonly Message[]): Message[] {
  return messages.filter((m) => m.severity === 'error');
}

/** A front-matter file from YAML lines (line 1 is `---`, so `lines[0]` is file line 2). */
function article(...lines: string[]): string {
  return ['---', ...lines, '---', 'The body.', ''].join('\n');
}

const VALID = ['title: T', 'date: 2021-08-22', 'location: Kabul, Afghanistan'];

describe('checkArticle: a valid article', () => {
  it('returns the article with no messages', () => {
    const { article: a, messages } = check(article(...VALID));
    expect(messages).toEqual([]);
    expect(a).toBeDefined();
    expect(a!.title).toBe('T');
    expect(a!.date.iso).toBe('2021-08-22');
    expect(a!.places.map((p) => p.id)).toEqual(['af/kabul']);
    expect(a!.status).toBe('published');
    expect(a!.slug).toBe('test');
    expect(a!.lang).toBe('en');
    expect(a!.dir).toBe('ltr');
  });

  it('gives bodyLine as the file line of the body’s first line', () => {
    // Lines: 1 `---`, 2-4 fields, 5 `---`, 6 the body.
    const text = article(...VALID);
    const { article: a } = check(text);
    expect(a!.body.split('\n')[0]).toBe('The body.');
    expect(text.split('\n')[a!.bodyLine - 1]).toBe('The body.');
    expect(a!.bodyLine).toBe(6);
  });

  it('spells a zone written in another case as the IANA database does, so its label is the zone’s own', () => {
    const { article: a, messages } = check(
      article('title: T', 'date: 2021-08-22', 'timezone: america/new_york', 'location: Kabul, Afghanistan'),
    );
    expect(messages).toEqual([]);
    expect(a!.zone).toBe('America/New_York');
    expect(a!.date.iso).toBe('2021-08-22');
  });

  it('reads lang: fa as right-to-left and canonicalises the tag', () => {
    const { article: a, messages } = check(article(...VALID, 'lang: FA'));
    expect(messages).toEqual([]);
    expect(a!.lang).toBe('fa');
    expect(a!.dir).toBe('rtl');
  });

  it('takes the slug from the file name when there is no slug field', () => {
    const { article: a } = check(article(...VALID), 'content/2021/08/My Story.md');
    expect(a!.slug).toBe('my-story');
  });

  it('drops duplicate tags but keeps their order', () => {
    const { article: a } = check(article(...VALID, 'tags: [b, a, b]'));
    expect(a!.tags).toEqual(['b', 'a']);
  });

  it('accepts every article of the example archive without errors', () => {
    const root = join(import.meta.dirname, '../../../content');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const result = check(readFileSync(join(root, f)), `content/${f}`);
      expect(errors(result.messages), f).toEqual([]);
      expect(result.article, f).toBeDefined();
    }
  });
});

describe('checkArticle: executable and foreign front matter', () => {
  beforeEach(() => {
    delete (globalThis as Record<string, unknown>).__pwned;
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__pwned;
  });

  it.each([
    ['---js', 'js'],
    ['--- js', 'js'],
    ['---javascript', 'javascript'],
  ])('refuses %s front matter without running it', (opener, language) => {
    const text = `${opener}\n({ title: (globalThis.__pwned = true, 'x'), date: '2021-08-22', location: 'Kabul, Afghanistan' })\n---\nBody\n`;
    const { article: a, messages } = check(text);
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(a).toBeUndefined();
    const m = one(messages, 'unsupported-front-matter');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain(`\`${language}\``);
    expect(m.fix).toContain('YAML');
  });

  it('refuses ---coffee front matter without running it', () => {
    const { article: a, messages } = check('---coffee\nglobalThis.__pwned = true\n---\nBody\n');
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(a).toBeUndefined();
    const m = one(messages, 'unsupported-front-matter');
    expect(m).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain('`coffee`');
  });

  it('refuses ---toml front matter', () => {
    const { article: a, messages } = check('---toml\ntitle = "T"\ndate = "2021-08-22"\nlocation = "Kabul, Afghanistan"\n---\nBody\n');
    expect(a).toBeUndefined();
    const m = one(messages, 'unsupported-front-matter');
    expect(m).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain('`toml`');
  });

  it('accepts an explicit ---yaml opener', () => {
    const { article: a, messages } = check(['---yaml', ...VALID, '---', 'Body', ''].join('\n'));
    expect(messages).toEqual([]);
    expect(a!.title).toBe('T');
  });
});

describe('checkArticle: files that are not articles', () => {
  it('reports an empty file as empty-file', () => {
    const { article: a, messages } = check('');
    expect(a).toBeUndefined();
    expect(messages).toHaveLength(1);
    expect(one(messages, 'empty-file')).toMatchObject({ file: FILE, severity: 'error', line: 1, column: 1 });
  });

  it('reports a whitespace-only file as empty-file', () => {
    const { article: a, messages } = check('  \n\t\r\n\n');
    expect(a).toBeUndefined();
    expect(one(messages, 'empty-file')).toMatchObject({ severity: 'error', line: 1, column: 1 });
  });

  it('reports a PNG named .md as not-text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const { article: a, messages } = check(png, 'content/2021/08/photo.md');
    expect(a).toBeUndefined();
    expect(messages).toHaveLength(1);
    const m = one(messages, 'not-text');
    expect(m).toMatchObject({ file: 'content/2021/08/photo.md', severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain('UTF-8');
  });

  it('reports invalid UTF-8 as not-text', () => {
    // `---\ntitle: ` then 0xC3 0x28 (a lead byte followed by a non-continuation byte).
    const bytes = new Uint8Array([...new TextEncoder().encode('---\ntitle: '), 0xc3, 0x28, 0x0a]);
    const { article: a, messages } = check(bytes);
    expect(a).toBeUndefined();
    expect(one(messages, 'not-text')).toMatchObject({ severity: 'error', line: 1, column: 1 });
  });

  it('reports UTF-16 text as not-text', () => {
    const { messages } = check(new Uint8Array([0xff, 0xfe, 0x2d, 0x00, 0x2d, 0x00, 0x2d, 0x00]));
    expect(one(messages, 'not-text').severity).toBe('error');
  });

  it('reports a file without front matter as missing-front-matter', () => {
    const { article: a, messages } = check('# A heading\n\nText.\n');
    expect(a).toBeUndefined();
    const m = one(messages, 'missing-front-matter');
    expect(m).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(m.fix).toContain('---');
  });

  it('reports front matter that is never closed as unclosed-front-matter', () => {
    const { article: a, messages } = check('---\ntitle: T\ndate: 2021-08-22\n\nThe body.\n');
    expect(a).toBeUndefined();
    const m = one(messages, 'unclosed-front-matter');
    expect(m).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(m.fix).toContain('---');
  });
});

describe('checkArticle: BOM and CRLF', () => {
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');

  it('parses a UTF-8 BOM + CRLF file like the plain one', () => {
    const text =
      '\uFEFF' +
      crlf(
        article(
          'title: T',
          'date: 2021-08-22T14:30',
          'timezone: Asia/Kabul',
          'status: draft',
          'tags: [a, b]',
          'location: Kabul, Afghanistan',
        ),
      );
    const { article: a, messages } = check(text);
    expect(messages).toEqual([]);
    expect(a!.title).toBe('T');
    expect(a!.status).toBe('draft');
    expect(a!.tags).toEqual(['a', 'b']);
    expect(a!.zone).toBe('Asia/Kabul');
    expect(a!.date.iso).toBe('2021-08-22T14:30:00+04:30');
    expect(a!.places.map((p) => p.id)).toEqual(['af/kabul']);
  });

  it('keeps line and column right in a BOM + CRLF file', () => {
    const text = `\uFEFF${crlf(article('title: T', 'date: 2021-02-30', 'timezone: Kabul', 'slug: ../x', 'location: Kabul, Afghanistan'))}`;
    const { messages } = check(text);
    expect(one(messages, 'invalid-date')).toMatchObject({ line: 3, column: 7 });
    expect(one(messages, 'invalid-timezone')).toMatchObject({ line: 4, column: 11 });
    expect(one(messages, 'invalid-slug')).toMatchObject({ line: 5, column: 7 });
  });

  it('keeps line and column right for schema problems in a BOM + CRLF file', () => {
    const text = `\uFEFF${crlf(article('title: 2021', 'date: 2021-08-22', 'location: Kabul, Afghanistan', 'tag: [a]', 'summary: S'))}`;
    const { messages } = check(text);
    expect(one(messages, 'invalid-field')).toMatchObject({ line: 2, column: 8 });
    expect(one(messages, 'unknown-field')).toMatchObject({ line: 5, column: 1 });
  });

  it('reads the last front-matter field of a CRLF file without a trailing carriage return', () => {
    const { article: a, messages } = check(crlf(article(...VALID, 'status: draft')));
    expect(messages).toEqual([]);
    expect(a?.status).toBe('draft');
  });

  it('parses a flow list on the last front-matter line of a CRLF file', () => {
    const { article: a, messages } = check(crlf(article(...VALID, 'tags: [a, b]')));
    expect(messages).toEqual([]);
    expect(a?.tags).toEqual(['a', 'b']);
  });

  it('gives bodyLine as the file line of the body’s first line in a CRLF file', () => {
    const text = crlf(article(...VALID));
    const { article: a } = check(text);
    expect(text.split('\r\n')[a!.bodyLine - 1]).toBe('The body.');
  });
});

describe('checkArticle: YAML syntax', () => {
  it('reports a YAML syntax error at its line', () => {
    const { article: a, messages } = check(article('title: T', 'date: 2021-08-22', 'location: Kabul: Afghanistan'));
    expect(a).toBeUndefined();
    const m = one(messages, 'yaml-syntax');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 4, column: 11 });
    expect(m.reason).toContain('not valid YAML');
    expect(m.fix).toContain('quote');
  });

  it('reports a repeated field as yaml-syntax at the second occurrence', () => {
    const { messages } = check(article('title: T', 'title: U', 'date: 2021-08-22', 'location: Kabul, Afghanistan'));
    expect(one(messages, 'yaml-syntax')).toMatchObject({ severity: 'error', line: 3, column: 1 });
  });

  it('reports a YAML alias as an error instead of throwing', () => {
    const text = article('title: &t T', 'date: 2021-08-22', 'location: Kabul, Afghanistan', 'summary: *t');
    let result: ReturnType<typeof check> | undefined;
    expect(() => {
      result = check(text);
    }).not.toThrow();
    expect(result!.article).toBeUndefined();
    const errs = errors(result!.messages);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.line).toBe(5);
  });
});

describe('checkArticle: fields', () => {
  it.each(['title', 'date', 'location'])('reports a missing %s as missing-field naming it', (field) => {
    const lines = VALID.filter((l) => !l.startsWith(`${field}:`));
    const { article: a, messages } = check(article(...lines, 'summary: S'));
    expect(a).toBeUndefined();
    expect(messages).toHaveLength(1);
    const m = one(messages, 'missing-field');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain(`\`${field}\``);
    expect(m.fix).toContain(`${field}:`);
  });

  it('reports each missing required field, not just the first', () => {
    const { messages } = check(article('summary: S'));
    const missing = messages.filter((m) => m.ruleId === 'missing-field');
    expect(missing.map((m) => m.reason.match(/`(\w+)`/)?.[1]).sort()).toEqual(['date', 'location', 'title']);
    expect(messages).toHaveLength(3);
  });

  it('reports `locaton` as unknown-field at its key, suggesting `location`', () => {
    const { article: a, messages } = check(article('title: T', 'date: 2021-08-22', 'locaton: Kabul, Afghanistan'));
    expect(a).toBeUndefined();
    const m = one(messages, 'unknown-field');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 4, column: 1 });
    expect(m.reason).toContain('`locaton`');
    expect(m.fix).toContain('`location`');
  });

  it('reports `tag` as unknown-field, suggesting `tags`', () => {
    const { messages } = check(article(...VALID, 'tag: [a]'));
    const m = one(messages, 'unknown-field');
    expect(m).toMatchObject({ severity: 'error', line: 5, column: 1 });
    expect(m.reason).toContain('`tag`');
    expect(m.fix).toBe('Did you mean `tags`?');
  });

  it('lists the known fields when an unknown one is like none of them', () => {
    const { messages } = check(article(...VALID, 'zzzzzzzz: 1'));
    const m = one(messages, 'unknown-field');
    expect(m.reason).toContain('`zzzzzzzz`');
    expect(m.fix).toContain('location');
    expect(m.fix).toContain('timezone');
  });

  it('reports an unknown field inside sources by its full path, at its key', () => {
    const { messages } = check(article(...VALID, 'sources:', '  - publisher: P', '    titel: X'));
    const m = one(messages, 'unknown-field');
    expect(m).toMatchObject({ severity: 'error', line: 7, column: 5 });
    expect(m.reason).toContain('`sources[0].titel`');
    expect(m.fix).toContain('`title`');
  });

  it('reports a number title as invalid-field with a quote fix', () => {
    const { article: a, messages } = check(article('title: 2021', 'date: 2021-08-22', 'location: Kabul, Afghanistan'));
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-field');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 2, column: 8 });
    expect(m.reason).toContain('`title`');
    expect(m.reason).toContain('2021');
    expect(m.fix).toMatch(/quote/i);
  });

  it('reports tags given as text as invalid-field asking for a list', () => {
    const { messages } = check(article(...VALID, 'tags: "x"'));
    const m = one(messages, 'invalid-field');
    expect(m).toMatchObject({ severity: 'error', line: 5, column: 7 });
    expect(m.reason).toContain('`tags`');
    expect(m.reason).toContain('list');
  });

  it('reports an unknown status as invalid-field listing the allowed values', () => {
    const { messages } = check(article(...VALID, 'status: live'));
    const m = one(messages, 'invalid-field');
    expect(m).toMatchObject({ severity: 'error', line: 5, column: 9 });
    expect(m.reason).toContain('`status`');
    expect(m.reason).toContain('live');
    for (const value of ['draft', 'published', 'withdrawn']) expect(m.fix).toContain(value);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', '"data:text/html,<script>alert(1)</script>"', 'ftp://example.org/x'])(
    'reports the source url %s as invalid-field',
    (url) => {
      const { article: a, messages } = check(article(...VALID, 'sources:', '  - publisher: P', `    url: ${url}`));
      expect(a).toBeUndefined();
      const m = one(messages, 'invalid-field');
      expect(m).toMatchObject({ severity: 'error', line: 7, column: 10 });
      expect(m.reason).toContain('`sources[0].url`');
      expect(m.fix).toContain('https://');
    },
  );

  it('accepts an https source url', () => {
    const { article: a, messages } = check(article(...VALID, 'sources:', '  - publisher: P', '    url: https://example.org/a'));
    expect(messages).toEqual([]);
    expect(a!.sources).toEqual([{ publisher: 'P', title: undefined, url: 'https://example.org/a', date: undefined }]);
  });

  it('reports slug: ../../x as invalid-slug at the slug line', () => {
    const { article: a, messages } = check(article(...VALID, 'slug: ../../x'));
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-slug');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 5, column: 7 });
    expect(m.reason).toContain('`slug`');
    expect(m.reason).toContain('../../x');
    expect(m.fix).toBe('Use `x`.');
  });

  it('reports a file name that gives no slug as invalid-slug', () => {
    const { article: a, messages } = check(article(...VALID), 'content/2021/08/___.md');
    expect(a).toBeUndefined();
    expect(one(messages, 'invalid-slug')).toMatchObject({ severity: 'error', line: 1, column: 1 });
  });

  it('reports an invalid lang as invalid-lang at the lang line', () => {
    const { article: a, messages } = check(article(...VALID, 'lang: not a lang!'));
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-lang');
    expect(m).toMatchObject({ severity: 'error', line: 5, column: 7 });
    expect(m.reason).toContain('`lang`');
  });

  it('reports timezone: Kabul as invalid-timezone suggesting Asia/Kabul', () => {
    const { article: a, messages } = check(article(...VALID, 'timezone: Kabul'));
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-timezone');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 5, column: 11 });
    expect(m.reason).toContain('`timezone`');
    expect(m.reason).toContain('Kabul');
    expect(m.fix).toContain('`Asia/Kabul`');
  });

  it('reports a made-up zone with a generic fix', () => {
    const { messages } = check(article(...VALID, 'timezone: Mars/Olympus'));
    const m = one(messages, 'invalid-timezone');
    expect(m.reason).toContain('Mars/Olympus');
    expect(m.fix).toContain('Asia/Kabul');
  });
});

describe('checkArticle: dates', () => {
  const withDate = (...lines: string[]) => check(article('title: T', ...lines, 'location: Kabul, Afghanistan'));

  it('reports 22/08/2021 as invalid-date at the date value', () => {
    const { article: a, messages } = withDate('date: 22/08/2021');
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-date');
    expect(m).toMatchObject({ file: FILE, severity: 'error', line: 3, column: 7 });
    expect(m.reason).toContain('`date`');
    expect(m.reason).toContain('22/08/2021');
    expect(m.fix).toContain('2021-08-22');
  });

  it('reports 2021-02-30 as invalid-date', () => {
    const { messages } = withDate('date: 2021-02-30');
    const m = one(messages, 'invalid-date');
    expect(m).toMatchObject({ severity: 'error', line: 3, column: 7 });
    expect(m.reason).toContain('`date`');
    expect(m.reason).toContain('2021-02-30');
  });

  it('reports an offset that is not the zone’s (+04:00 in Asia/Kabul) and offers the +04:30 form', () => {
    const { article: a, messages } = withDate('date: 2021-08-22T14:30:00+04:00', 'timezone: Asia/Kabul');
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-date');
    expect(m).toMatchObject({ severity: 'error', line: 3, column: 7 });
    expect(m.reason).toContain('`date`');
    expect(m.reason).toContain('+04:00');
    expect(m.reason).toContain('+04:30');
    expect(m.reason).toContain('Asia/Kabul');
    // The same local time with the zone's offset, and the same instant in the zone.
    expect(m.fix).toContain('`2021-08-22T14:30:00+04:30`');
    expect(m.fix).toContain('`2021-08-22T15:00:00+04:30`');
  });

  it('reports a Z time in Asia/Kabul as invalid-date, offering the same instant in +04:30', () => {
    const { messages } = withDate('date: 2021-08-22T10:00:00Z', 'timezone: Asia/Kabul');
    const m = one(messages, 'invalid-date');
    expect(m).toMatchObject({ severity: 'error', line: 3, column: 7 });
    expect(m.reason).toContain('+04:30');
    expect(m.fix).toContain('`2021-08-22T14:30:00+04:30`');
  });

  it('accepts an offset that is the zone’s', () => {
    const { article: a, messages } = withDate('date: 2021-08-22T14:30:00+04:30', 'timezone: Asia/Kabul');
    expect(messages).toEqual([]);
    expect(a!.date.utc).toBe('2021-08-22T10:00:00Z');
  });

  it('reports a local time in a DST gap (02:30 on 2021-03-14 in New York) as invalid-date', () => {
    const { article: a, messages } = withDate('date: 2021-03-14T02:30', 'timezone: America/New_York');
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-date');
    expect(m).toMatchObject({ severity: 'error', line: 3, column: 7 });
    expect(m.reason).toContain('02:30');
    expect(m.reason).toContain('America/New_York');
    expect(m.fix).toContain('03:30');
  });

  it('reports updated before date as invalid-date at updated', () => {
    const { article: a, messages } = withDate('date: 2021-08-22', 'updated: 2021-08-21');
    expect(a).toBeUndefined();
    const m = one(messages, 'invalid-date');
    expect(m).toMatchObject({ severity: 'error', line: 4, column: 10 });
    expect(m.reason).toContain('`updated`');
    expect(m.reason).toContain('`date`');
  });

  it('reads a local time in the article’s zone, not the site’s', () => {
    const { article: a } = withDate('date: 2021-08-22T00:30', 'timezone: Asia/Kabul');
    expect(a!.date.day).toBe(22);
    expect(a!.date.utc).toBe('2021-08-21T20:00:00Z');
  });

  it('reads a local time in the site zone when the article has none', () => {
    const { article: a } = check(article('title: T', 'date: 2021-08-22T00:30', 'location: Kabul, Afghanistan'), FILE, {
      timezone: 'Asia/Kabul',
    });
    expect(a!.zone).toBe('Asia/Kabul');
    expect(a!.date.iso).toBe('2021-08-22T00:30:00+04:30');
  });

  it('reports bad dates in sources and corrections by their path', () => {
    const { messages } = check(
      article(...VALID, 'sources:', '  - publisher: P', '    date: 2021-13-01', 'corrections:', '  - date: yesterday', '    text: Fixed'),
    );
    const dates = messages.filter((m) => m.ruleId === 'invalid-date');
    expect(dates).toHaveLength(2);
    expect(dates.find((m) => m.reason.includes('`sources[0].date`'))).toMatchObject({ line: 7, column: 11 });
    expect(dates.find((m) => m.reason.includes('`corrections[0].date`'))).toMatchObject({ line: 9, column: 11 });
  });
});

describe('checkArticle: places', () => {
  it('files an unknown place under the nearest known one, saying where, and suggests the near spelling', () => {
    const { article: a, messages } = check(
      article('title: T', 'date: 2021-08-22', 'location: Pul-i-Hisarr, Baghlan, Afghanistan'),
      'content/2021/08/my-story.md',
    );
    expect(errors(messages)).toEqual([]);
    const m = one(messages, 'unknown-place');
    expect(m).toMatchObject({ file: 'content/2021/08/my-story.md', severity: 'warning', line: 4, column: 11 });
    expect(m.reason).toBe(
      'Unknown place `Pul-i-Hisarr, Baghlan, Afghanistan`: the article is filed under Baghlan (`af/baghlan`); `Pul-i-Hisarr` gets no page of its own.',
    );
    expect(m.fix).toBe('Did you mean `af/baghlan/pol-e-hesar` (Pol-e-Hesar)? Or add the place to content/places/.');
    expect(a).toBeDefined();
    // Only known places: no page, map dot or search choice is made for the misspelling.
    expect(a!.places.map((p) => [p.id, p.known])).toEqual([['af/baghlan', true]]);
  });

  it('refuses a location naming no known place at all: there is nowhere to file it', () => {
    const { article: a, messages } = check(article('title: T', 'date: 2021-08-22', 'location: Atlantis, Atlantic Ocean'));
    expect(a).toBeUndefined();
    expect(one(messages, 'no-known-place')).toMatchObject({ severity: 'error', line: 4, column: 11 });
  });

  it('points an unknown place in a list at its own item', () => {
    const { article: a, messages } = check(
      article('title: T', 'date: 2021-08-22', 'location:', '  - Kabul, Afghanistan', '  - Pul-i-Hisarr, Baghlan, Afghanistan'),
    );
    expect(one(messages, 'unknown-place')).toMatchObject({ severity: 'warning', line: 6, column: 5 });
    expect(a!.places.map((p) => p.id)).toEqual(['af/kabul', 'af/baghlan']);
  });

  it('files a place once when two spellings name it', () => {
    const { article: a } = check(article('title: T', 'date: 2021-08-22', 'location: [Pol-e-Hesar, پل حصار, af/baghlan/pol-e-hesar]'));
    expect(a!.places.map((p) => p.id)).toEqual(['af/baghlan/pol-e-hesar']);
  });

  it('reports a location of only commas as an error instead of throwing', () => {
    let result: ReturnType<typeof check> | undefined;
    expect(() => {
      result = check(article('title: T', 'date: 2021-08-22', 'location: ", ,"'));
    }).not.toThrow();
    expect(result!.article).toBeUndefined();
    const errs = errors(result!.messages);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.line).toBe(4);
    expect(errs[0]!.reason).toContain('location');
  });
});

describe('checkArticle: many problems at once', () => {
  it('reports every schema problem in the file, not only the first', () => {
    const { messages } = check(
      article('title: 2021', 'date: 2021-08-22', 'location: Kabul, Afghanistan', 'locaton: Kabul', 'status: live'),
    );
    expect(messages.find((m) => m.ruleId === 'invalid-field' && m.reason.includes('`title`'))).toMatchObject({ line: 2, column: 8 });
    expect(messages.find((m) => m.ruleId === 'unknown-field' && m.reason.includes('`locaton`'))).toMatchObject({ line: 5, column: 1 });
    expect(messages.find((m) => m.ruleId === 'invalid-field' && m.reason.includes('`status`'))).toMatchObject({ line: 6, column: 9 });
    expect(messages).toHaveLength(3);
  });

  it('reports date and zone problems in the same run as schema problems', () => {
    const { article: a, messages } = check(
      article('title: 2021', 'date: 2021-02-30', 'location: Kabul, Afghanistan', 'timezone: Kabul', 'locaton: x'),
    );
    expect(a).toBeUndefined();
    expect(one(messages, 'invalid-field')).toMatchObject({ line: 2, column: 8 });
    expect(one(messages, 'invalid-date')).toMatchObject({ line: 3, column: 7 });
    expect(one(messages, 'invalid-timezone')).toMatchObject({ line: 5, column: 11 });
    expect(one(messages, 'unknown-field')).toMatchObject({ line: 6, column: 1 });
    expect(messages).toHaveLength(4);
  });

  it('reports every zone, date, lang, slug and place problem in the file, not only the first', () => {
    const { article: a, messages } = check(
      article(
        'title: T',
        'date: 2021-02-30',
        'timezone: Kabul',
        'lang: not a lang!',
        'slug: ../../x',
        'location: Pul-i-Hisarr, Baghlan, Afghanistan',
      ),
    );
    expect(a).toBeUndefined();
    expect(one(messages, 'invalid-date')).toMatchObject({ severity: 'error', line: 3 });
    expect(one(messages, 'invalid-timezone')).toMatchObject({ severity: 'error', line: 4 });
    expect(one(messages, 'invalid-lang')).toMatchObject({ severity: 'error', line: 5 });
    expect(one(messages, 'invalid-slug')).toMatchObject({ severity: 'error', line: 6 });
    expect(one(messages, 'unknown-place')).toMatchObject({ severity: 'warning', line: 7 });
    expect(messages).toHaveLength(5);
  });
});

describe('checkArticle: rough edges', () => {
  it('refuses 24:00 as a time of day, saying so', () => {
    const m = one(check(article('title: T', 'date: 2021-08-22T24:00', 'location: Kabul, Afghanistan')).messages, 'invalid-date');
    expect(m).toMatchObject({ line: 3, column: 7 });
    expect(m.reason).toContain('not a time of day');
  });

  it('names the opening line when it is not exactly ---', () => {
    const m = one(check('----\ntitle: T\ndate: 2021-08-22\nlocation: Kabul\n---\nBody\n').messages, 'missing-front-matter');
    expect(m.reason).toContain('`----`');
    expect(m.fix).toBe('Make the first line exactly `---`.');
  });

  it('asks for a value, not quotes, when a field is empty', () => {
    const m = one(check(article('title:', 'date: 2021-08-22', 'location: Kabul, Afghanistan')).messages, 'invalid-field');
    // Column 7: where the missing value belongs, right after `title:`.
    expect(m).toMatchObject({ line: 2, column: 7 });
    expect(m.fix).toBe('Give it a value or remove the line.');
  });

  it('calls front matter that is a list “front matter”', () => {
    const m = check('---\n- a\n- b\n---\nBody\n').messages[0]!;
    expect(m.reason).toBe('`front matter` must be a set of fields, not a list.');
  });
});
