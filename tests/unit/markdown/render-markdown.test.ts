import { describe, expect, it } from 'vitest';
import { renderArticleBody, renderMarkdown } from '../../../src/markdown/render-markdown.ts';

describe('renderMarkdown: what is removed', () => {
  it('removes <script> and its content, keeping the text around it', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>\n\nafter');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('alert(');
    expect(html).toContain('Hi');
    expect(html).toContain('there');
    expect(html).toContain('<p>after</p>');
  });

  it('removes an onerror handler but keeps the image', () => {
    const html = renderMarkdown('<img src="https://example.org/a.png" alt="a" onerror="alert(1)">');
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toContain('alert(1)');
    expect(html).toContain('<img src="https://example.org/a.png" alt="a">');
  });

  it.each([
    ['raw HTML', '<a href="javascript:alert(1)">x</a>'],
    ['mixed case', '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ['an entity-encoded letter', '<a href="jav&#x61;script:alert(1)">x</a>'],
    ['a decimal entity', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['leading spaces', '<a href="  javascript:alert(1)">x</a>'],
    ['an embedded tab', '<a href="java\tscript:alert(1)">x</a>'],
    ['a Markdown link', '[x](javascript:alert(1))'],
    ['an upper-case Markdown link', '[x](JAVASCRIPT:alert(1))'],
    ['an entity in a Markdown link', '[x](jav&#x61;script:alert(1))'],
    ['an angle-bracket Markdown link', '[x](<javascript:alert(1)>)'],
    ['vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  ])('removes a javascript: href written as %s, keeping the link text', (_, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/href/i);
    expect(html).not.toMatch(/script:/i);
    expect(html).toContain('>x</a>');
  });

  it.each([
    ['raw HTML', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">'],
    ['Markdown', '![a](data:image/png;base64,iVBORw0KGgo=)'],
  ])('removes a data: image src written in %s', (_, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).toContain('<img');
    expect(html).not.toMatch(/src=/i);
    expect(html).not.toContain('data:');
  });

  it('removes <iframe>', () => {
    const html = renderMarkdown('<iframe src="https://evil.example/"></iframe>\n\nafter');
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toContain('evil.example');
    expect(html).toContain('<p>after</p>');
  });

  it('removes <style> and style attributes', () => {
    const html = renderMarkdown('<style>body{display:none}</style>\n\n<p style="color:red">x</p>');
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/style=/i);
    expect(html).toContain('<p>x</p>');
  });

  it.each([
    ['<object>', '<object data="https://evil.example/x"></object>', /<object/i],
    ['<embed>', '<embed src="https://evil.example/x">', /<embed/i],
    ['<form> and <input>', '<form action="https://evil.example/"><input name="x"></form>', /<form|<input/i],
    ['<base>', '<base href="https://evil.example/">', /<base/i],
    ['<meta> refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">', /<meta/i],
    ['<script> inside <svg>', '<svg><script>alert(1)</script></svg>', /<svg|<script/i],
  ])('removes %s', (_, markdown, pattern) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(pattern);
    expect(html).not.toContain('evil.example');
  });

  it('renders a GFM task-list item without a form control', () => {
    const html = renderMarkdown('- [x] done');
    expect(html).not.toMatch(/<input/i);
    expect(html).toContain('done</li>');
  });
});

describe('renderMarkdown: what is kept', () => {
  it('keeps Nunjucks and Liquid syntax as literal text', () => {
    const html = renderMarkdown('Sum {{ 7*7 }} and {% include "x" %} and {{ page.title | safe }}');
    expect(html).toBe('<p>Sum {{ 7*7 }} and {% include "x" %} and {{ page.title | safe }}</p>');
    expect(html).not.toContain('49');
  });

  it('gives headings ids, numbering repeated ones', () => {
    const html = renderMarkdown('# Hello World\n\n## Second *one*\n\n# Hello World');
    expect(html).toContain('<h1 id="hello-world">Hello World</h1>');
    expect(html).toContain('<h2 id="second-one">Second <em>one</em></h2>');
    expect(html).toContain('<h1 id="hello-world-1">Hello World</h1>');
  });

  it('prefixes a user-written id with user-content-', () => {
    expect(renderMarkdown('<div id="x">a</div>')).toBe('<div id="user-content-x">a</div>');
    expect(renderMarkdown('<h2 id="custom">X</h2>')).toBe('<h2 id="user-content-custom">X</h2>');
  });

  it('prefixes a user-written name with user-content-', () => {
    expect(renderMarkdown('<a name="top">a</a>')).toContain('name="user-content-top"');
  });

  it('renders GFM tables', () => {
    const html = renderMarkdown('| Province | Districts |\n|---|---:|\n| Baghlan | 15 |');
    expect(html).toContain('<table>');
    expect(html).toMatch(/<th>Province<\/th>/);
    expect(html).toMatch(/<td>Baghlan<\/td>/);
    expect(html).toMatch(/<td class="align-right">15<\/td>/);
  });

  it('renders GFM strikethrough and autolinks', () => {
    const html = renderMarkdown('~~old~~ see https://example.org/x');
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<a href="https://example.org/x">https://example.org/x</a>');
  });

  it('keeps http(s), mailto and relative links', () => {
    const html = renderMarkdown('[a](https://example.org/a?b=1) [b](http://example.org/) [c](../x/) [d](mailto:desk@example.org)');
    expect(html).toContain('href="https://example.org/a?b=1"');
    expect(html).toContain('href="http://example.org/"');
    expect(html).toContain('href="../x/"');
    expect(html).toContain('href="mailto:desk@example.org"');
  });

  it('keeps <abbr title> and escapes text that looks like HTML', () => {
    expect(renderMarkdown('<abbr title="National Resistance Front">NRF</abbr>')).toBe(
      '<p><abbr title="National Resistance Front">NRF</abbr></p>',
    );
    expect(renderMarkdown('a \\<b> c')).toBe('<p>a &#x3C;b> c</p>');
  });
});

describe('renderMarkdown: style elements', () => {
  it('drops <style> with its CSS, which would otherwise show as text', () => {
    const html = renderMarkdown('Before\n\n<style>body{display:none}</style>\n\nAfter');
    expect(html).not.toContain('display:none');
    expect(html).not.toContain('<style');
    expect(html).toContain('After');
  });
});

describe('renderMarkdown: valid HTML5', () => {
  it('turns GFM column alignment into classes instead of the obsolete align attribute', () => {
    const html = renderMarkdown('| Place | Killed |\n| :--- | ---: |\n| Les Cayes | 1,000 |');
    expect(html).not.toContain('align=');
    expect(html).toContain('<th class="align-right">Killed</th>');
    expect(html).toContain('<td class="align-right">1,000</td>');
  });

  it('strips combining marks and zero-width joiners from heading ids, keeping them unique', () => {
    const html = renderMarkdown('## Reactions in İzmir\n\n## Reactions in Izmir\n\n## ذبیح‌الله');
    expect(html).toContain('<h2 id="reactions-in-izmir">');
    expect(html).toContain('<h2 id="reactions-in-izmir-1">');
    expect(html).toContain('<h2 id="ذبیحالله">');
  });
});

describe('the plain text made with the HTML', () => {
  it('is the text of the whole body and of its first paragraph, whitespace collapsed, from the same tree', () => {
    const body = renderArticleBody('## Districts\n\nBanu and *Pol-e-Hesar*\nheld.\n\n- De Salah\n\n<script>alert(1)</script>\n');
    expect(body.text).toBe('Districts Banu and Pol-e-Hesar held. De Salah');
    expect(body.firstParagraph).toBe('Banu and Pol-e-Hesar held.');
    expect(body.html).toContain('<em>Pol-e-Hesar</em>');
  });
});
