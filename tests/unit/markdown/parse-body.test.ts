import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { syntheticArticles } from '../../../bench/generate-corpus.ts';
import { renderArticleBody, renderTree } from '../../../src/markdown/render-markdown.ts';
import { random } from '../../helpers/random.ts';

/** remark-gfm's parse, rendered by the same pipeline: what parseBody's HTML must equal. */
const gfm = unified().use(remarkParse).use(remarkGfm).freeze();
const html = (markdown: string) => renderArticleBody(markdown).html;
const reference = (markdown: string) => renderTree(gfm.parse(markdown), markdown).html;
const same = (markdown: string) => expect(html(markdown), JSON.stringify(markdown)).toBe(reference(markdown));

/** Blocks of a report, as writers write them: the random documents are made of these. */
const BLOCKS = [
  'The governor said on **Monday** that the _district_ had fallen.',
  'Fighters held [three districts](https://example.org/report "The report") and `Pol-e-Hesar`.',
  'See www.example.org/andarab, https://example.org/a_(b) and press@example.org.',
  'Text with a note[^n] and another[^2].',
  '[^n]: The note, with a [link](/places/af/).',
  '[^2]: Second note.\n    Continued.',
  '## Background',
  '### What happens *next*',
  'Setext heading\n---',
  '- one\n- two\n- three',
  '1. first\n2. second\n   - nested',
  '1) first\n2) second',
  '- loose\n\n- list',
  '- [ ] to do\n- [x] done',
  '> "We have waited years," said a resident.\n>\n> — A nurse',
  '| District | Held |\n| :-- | --: |\n| Pol-e-Hesar | yes |\n| Deh-e-Salah | *no* |',
  '```\ncode <b> & more\n```',
  '```js meta=1\nconst a = 1;\n```',
  '    indented code',
  '***',
  'A line  \nbroken, and ~~struck~~ text &amp; &copy; &#1575;.',
  '<div class="note">\n*raw* HTML\n</div>',
  'Inline <abbr title="National Resistance Front">NRF</abbr> and <script>alert(1)</script>.',
  '![A valley](./valley.jpg "Caption | Photo: A")',
  'A [reference][ref] link.\n\n[ref]: https://example.org/ref',
  'Escaped \\*stars\\* and \\[brackets\\].',
  '<https://example.org/auto> and <mailto:a@example.org>',
  'مقاومت در اندراب ادامه دارد. **بغلان**',
];

describe('parseBody: the HTML remark-gfm’s tree renders to', () => {
  it.each([
    ...BLOCKS,
    'See [the minutes](https://example.org/minutes) and [^1].\n\n[^1]: A note.',
    'At www.example.com/a_b_ and _www.example.com_.',
    'Code `http://example.org` and <span title="http://x.org">t</span>.',
    '| a | http://b.org |\n| :- | -: |\n| c@d.org | e |',
    '[ref]: https://example.org "www.example.org"\n\n[ref]',
    '1. one\n2. two\n   - nested\n\n     para',
    '> quote\n> > nested',
    'A list from three:\n\n3) third\n4) fourth',
    'Setext\n======\n\n# ATX #\n\n###### six',
    'Footnotes[^a] twice[^a] and[^b].\n\n[^a]: First.\n[^b]: Second\n    with more.',
    '[x](javascript:alert(1)) and [y](<a b>) and [z](http://例え.jp/パス) and ![d](data:image/png;base64,AA)',
    'An email written &#64;: a&#64;example.org.',
    'Footnote labels in any case: a[^A], b[^Src] and c[^src].\n\n[^a]: Lower.\n\n[^SRC]: Upper.',
  ])('renders %j as remark-gfm’s tree does', same);

  it('renders 2,000 random reports made of those blocks as remark-gfm’s tree does', () => {
    const next = random(16);
    for (let n = 0; n < 2_000; n++) {
      const length = 1 + Math.floor(next() * 8);
      same(Array.from({ length }, () => BLOCKS[Math.floor(next() * BLOCKS.length)]).join('\n\n'));
    }
  });

  it('renders 300 reports of the benchmark corpus (headings, lists, quotes, links) as remark-gfm’s tree does', () => {
    let n = 0;
    for (const article of syntheticArticles(300, 7)) {
      same(article.body);
      n++;
    }
    expect(n).toBe(300);
  });
});

/**
 * Where markdown-it and micromark part, on input no writer writes: ours is the HTML here. Each is
 * checked to differ from remark-gfm's, so that a fix upstream shows here.
 */
describe('parseBody: the differences from remark-gfm, named', () => {
  it.each([
    ['a table needs a pipe in its header row', 'a\n| - |', '<p>a\n| - |</p>'],
    ['strikethrough closes on a longer run', '~~a~~~~', '<p><del>a</del>~~</p>'],
    ['an autolink literal needs a dot in its domain', 'http://word/path', '<p>http://word/path</p>'],
    [
      'a list from 3 after indented code is a list, as CommonMark says (micromark makes it a paragraph)',
      '    code\n\n3) third',
      '<pre><code>code\n</code></pre>\n<ol start="3">\n<li>third</li>\n</ol>',
    ],
    ['an empty list item can be nested', 'a\n- -', '<p>a</p>\n<ul>\n<li>\n<ul>\n<li></li>\n</ul>\n</li>\n</ul>'],
  ])('%s', (_, markdown, ours) => {
    expect(html(markdown)).toBe(ours);
    expect(reference(markdown)).not.toBe(ours);
  });
});
