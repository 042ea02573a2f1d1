import { describe, expect, it } from 'vitest';
import { compiledTemplates } from '../../../../src/outputs/pages/page-templates.ts';
import { repoRoot } from '../../../helpers/site.ts';

describe('compiledTemplates (Nunjucks, with its frames set faster)', () => {
  it('scopes and sets variables as Nunjucks does: loops, `set` in loops, macros and ifs', async () => {
    const source = [
      '{% set x = 1 %}{% for i in [1,2] %}{% set x = i %}{{ x }}{% endfor %}{{ x }}|',
      '{% for g in [["a","b"],["c"]] %}{% for t in g %}',
      '{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ t }} ',
      '{% endfor %}{{ loop.index }};{% endfor %}|',
      '{% macro m(y) %}{% set z = y %}{{ z }}{% endmacro %}{{ m(5) }}{% if true %}{% set w = 3 %}{% endif %}{{ w }}',
    ].join('');
    // What Nunjucks 3.2.4 renders with its own Frame.set.
    const expected = '122|1021truefalse2a 2110falsetrue2b 1;1010truetrue1c 2;|53';
    expect(await compiledTemplates(`${repoRoot}/templates`)(source, undefined)({})).toBe(expected);
  });
});
