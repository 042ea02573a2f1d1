import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/markdown/render-markdown.ts';
import { random } from '../../helpers/random.ts';

/** The tree remark-gfm's processor makes: what parseBody must equal, positions included. */
const gfm = unified().use(remarkParse).use(remarkGfm).freeze();
const same = (markdown: string) =>
  expect(JSON.stringify(parseBody(markdown)), JSON.stringify(markdown)).toBe(JSON.stringify(gfm.parse(markdown)));

/** Pieces of Markdown that start, end, hide or fake an autolink literal, and the rest of GFM. */
const PIECES = [
  'www.',
  'WWW.',
  'http://',
  'HTTPS://',
  'https://',
  'example.com',
  '/path_(x)',
  '@',
  'a@b.co',
  'mailto:',
  'xmpp:',
  '&#64;',
  '&#119;ww.',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '<',
  '>',
  '`',
  '*',
  '_',
  '~',
  '\\',
  '|',
  '-',
  ':',
  '.',
  ',',
  '"',
  '[^1]',
  '[^1]: ',
  '[x]: ',
  '- [ ] ',
  '| a |',
  '\n',
  '\n\n',
  ' ',
  'a',
  'word',
  '1. ',
  '> ',
  '# ',
  '<b>',
  '<http://a.b>',
];

describe('parseBody: GFM without autolink literals where none can start', () => {
  it.each([
    'See [the minutes](https://example.org/minutes) and [^1].\n\n[^1]: A note.',
    'Write to press@example.org today.',
    'At www.example.com/a_b_ and _www.example.com_.',
    'A link [www.example.com](https://example.com) and ![www.example.com](a.png).',
    'Escaped \\](https://example.org) and ](http://example.org) unopened.',
    'Code `http://example.org` and <span title="http://x.org">t</span>.',
    '| a | http://b.org |\n| - | - |\n| c@d.org | e |',
    '[ref]: https://example.org "www.example.org"\n\n[ref]',
    'Entity &#64; and &#119;ww.example.org.',
  ])('parses %j as remark-gfm does', same);

  it('parses 3,000 random documents of GFM pieces as remark-gfm does', () => {
    const next = random(16);
    for (let n = 0; n < 3_000; n++) {
      const length = 1 + Math.floor(next() * 30);
      same(Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
    }
  });
});
