import { describe, expect, it } from 'vitest';
import { rewriteUrls } from '../../../../src/outputs/pages/rewrite-urls.ts';

const mark = (url: string) => (url.startsWith('/') ? `..${url}` : url);

describe('rewriteUrls', () => {
  it('rewrites URL attributes of the elements that have them, and nothing else', () => {
    const html =
      '<a href="/a/" title="/not-a-url/">x</a><link rel="stylesheet" href="/s.css"><img src="/i.png" alt="/alt"><form action="/search/"><input name="q"></form><div data-href="/d/"></div>';
    expect(rewriteUrls(html, mark)).toBe(
      '<a href="../a/" title="/not-a-url/">x</a><link rel="stylesheet" href="../s.css"><img src="../i.png" alt="/alt"><form action="../search/"><input name="q"></form><div data-href="/d/"></div>',
    );
  });

  it('handles single-quoted, bare and upper-case attributes, and `>` inside a quoted value', () => {
    expect(rewriteUrls(`<A HREF='/a/' title="a > b">x</A>`, mark)).toBe(`<A HREF='../a/' title="a > b">x</A>`);
    expect(rewriteUrls('<a title="x > y" href="/b/">x</a>', mark)).toBe('<a title="x > y" href="../b/">x</a>');
    expect(rewriteUrls('<a href=/c/>x</a>', mark)).toBe('<a href=../c/>x</a>');
  });

  it('leaves text, comments and raw-text elements alone', () => {
    const html =
      '<p>Write href="/x/" in text</p><!-- <a href="/comment/"> --><script type="application/ld+json">{"url":"<a href=\\"/json/\\">"}</script><style>a[href="/css/"]{}</style><pre>&lt;a href="/code/"&gt;</pre>';
    expect(rewriteUrls(html, mark)).toBe(html);
  });

  it('rewrites each candidate of srcset and ping, and keeps entities as written', () => {
    expect(rewriteUrls('<img srcset="/a.png 1x, /b.png 2x" src="/a.png?x=1&amp;y=2">', mark)).toBe(
      '<img srcset="../a.png 1x, ../b.png 2x" src="../a.png?x=1&amp;y=2">',
    );
    expect(rewriteUrls('<a ping="/p1, /p2" href="/">x</a>', mark)).toBe('<a ping="../p1, ../p2" href="../">x</a>');
  });

  it('returns the same string when nothing changes, and copes with a truncated tag', () => {
    const html = '<a href="https://example.org/">x</a>';
    expect(rewriteUrls(html, mark)).toBe(html);
    expect(rewriteUrls('<a href="/x/"', mark)).toBe('<a href="../x/"');
    expect(rewriteUrls('a < b and <3', mark)).toBe('a < b and <3');
  });
});

describe('rewriteUrls on unusual markup (tokenized as an HTML parser would)', () => {
  it('keeps rewriting after odd attributes', () => {
    expect(rewriteUrls('<p title=x=y><a href="/a/">a</a>', mark)).toBe('<p title=x=y><a href="../a/">a</a>');
    expect(rewriteUrls('<p =x><a href="/a/">a</a>', mark)).toBe('<p =x><a href="../a/">a</a>');
    expect(rewriteUrls(`<input value='x'"y"><a href="/a/">a</a>`, mark)).toBe(`<input value='x'"y"><a href="../a/">a</a>`);
    expect(rewriteUrls('<a href=/s/?q=a>s</a><a href="/b/">b</a>', mark)).toBe('<a href="../s/?q=a">s</a><a href="../b/">b</a>');
  });

  it('takes no element or attribute for one of URLs by a name every object has (constructor)', () => {
    expect(rewriteUrls('<constructor length=/q><a constructor=/r href=/a/>a</a>', mark)).toBe(
      '<constructor length=/q><a constructor=/r href=../a/>a</a>',
    );
  });

  it('passes over attributes holding markup and upper-case tags', () => {
    expect(rewriteUrls('<div title="<a href=/x/>"><A HREF="/a/">a</A>', mark)).toBe('<div title="<a href=/x/>"><A HREF="../a/">a</A>');
    expect(rewriteUrls('<TITLE><a href=/x/></TiTlE><a href="/a/">a</a>', mark)).toBe('<TITLE><a href=/x/></TiTlE><a href="../a/">a</a>');
  });

  it('reads a two-byte page (one Dari word makes it so) as a one-byte one: names in any case, `\\s` between attributes, an unclosed quote', () => {
    const html = '<p>کابل</p><IMG SrcSet="/a.png 1x"\u00a0src=/b.png><a\u2028HREF="/c/">c</a><a href="/d/ title=x>d</a>';
    expect(rewriteUrls(html, mark)).toBe(
      '<p>کابل</p><IMG SrcSet="../a.png 1x"\u00a0src=../b.png><a\u2028HREF="../c/">c</a><a href="/d/ title=x>d</a>',
    );
  });

  it('ends the empty comments <!--> and <!---> where a parser does', () => {
    expect(rewriteUrls('<!--><a href="/a/">a</a>-->', mark)).toBe('<!--><a href="../a/">a</a>-->');
    expect(rewriteUrls('<!---><a href="/a/">a</a>', mark)).toBe('<!---><a href="../a/">a</a>');
  });
});
