import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, fixture, removeTemps } from '../helpers/site.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite(fixture('hostile'));
});
afterAll(removeTemps);

describe('hostile article bodies and titles', () => {
  it('build, with no messages', () => {
    expect(site.report.messages).toEqual([]);
    expect(site.report.articles).toBe(3);
  });

  it('strip scripts, event handlers, javascript: links, iframes and styles from bodies', async () => {
    const page = await site.page('/2021/08/22/scripts-and-handlers/');
    const body = page.one('.article-body');
    // The only script is our own JSON-LD (escaped, see browse.test.ts), never one from the body.
    expect(page.all('script').map((s) => s.properties.type)).toEqual(['application/ld+json']);
    expect(page.all('iframe, style, object, embed')).toHaveLength(0);
    expect(page.all('[onerror], [onclick]')).toHaveLength(0);
    const hrefs = page.all('.article-body a').map((a) => a.properties.href);
    expect(hrefs).toEqual([undefined, undefined, undefined]);
    expect(page.html).not.toMatch(/javascript:/i);
    expect(body.children.length).toBeGreaterThan(0);
  });

  it('prints a title with markup as text', async () => {
    const page = await site.page('/2021/08/22/scripts-and-handlers/');
    expect(page.text('h1')).toBe("<script>alert('title')</script> Scripts & handlers");
    expect(page.html).toContain('&lt;script&gt;');
  });

  it('prefixes ids written in bodies so they cannot clobber the page’s own', async () => {
    const page = await site.page('/2021/08/22/scripts-and-handlers/');
    expect(page.all('#main')).toHaveLength(1);
    expect(page.one('#main').tagName).toBe('main');
    expect(page.all('#user-content-main')).toHaveLength(1);
  });

  it('shows Nunjucks and Liquid tags in bodies and titles as literal text', async () => {
    const page = await site.page('/2021/08/22/template-tags/');
    expect(page.text('h1')).toBe('{{ 7 * 7 }} and {% raw %}');
    const body = page.text('.article-body');
    expect(body).toContain('Nunjucks: {{ 7 * 7 }} {{ site.title }} {% include "base.njk" %}');
    expect(body).toContain('Liquid: {% assign x = "pwned" %}{{ x | upcase }}');
    expect(body).toContain('{{ eleventy.env.root }} {{ page.inputPath }}');
    expect(body).not.toContain('49');
  });

  it('reads a file with a byte-order mark and CRLF line ends', async () => {
    const page = await site.page('/2021/08/21/bom-crlf/');
    expect(page.text('h1')).toBe('Windows line ends and a byte-order mark');
    expect(page.all('.article-body p')).toHaveLength(2);
  });
});
