import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString as textOf } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../../src/commands/article-project.ts';
import { HEADLINE_MAX_LENGTH, headlineFrom } from '../../../src/content/headline.ts';
import { parseReport, type ReportBlock } from '../../../src/content/parse-report.ts';
import { placesInText } from '../../../src/content/places-in-text.ts';
import { reportMarkdown } from '../../../src/content/report-markdown.ts';
import { renderArticleBody } from '../../../src/markdown/render-markdown.ts';
import { repoRoot } from '../../helpers/site.ts';

const seed = readFileSync(join(repoRoot, 'tests/cli/fixtures/andarab-2021-08-22.txt'), 'utf8');

function blocksOf(raw: string): ReportBlock[] {
  const report = parseReport(raw);
  if (!report.ok) throw new Error(report.reason);
  return report.blocks;
}

describe('parseReport', () => {
  it('reads the seed: the date header after a leading space, the first paragraph on its line, two subheadings', () => {
    const report = parseReport(seed);
    expect(report.ok && report.day).toBe('2021-08-22');
    const blocks = blocksOf(seed);
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: expect.stringMatching(/^Commander Lutfullah, who is leading/) });
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'Taliban vs Northern alliance?',
      'Taliban meet Ahmad Massoud',
    ]);
    expect(blocks).toHaveLength(11);
  });

  it('accepts `Date:`, CRLF line ends and a byte-order mark, and joins wrapped lines', () => {
    expect(parseReport('\uFEFFDate: 2021-08-22\r\nFirst line\r\nwrapped.\r\n\r\nSecond.')).toEqual({
      ok: true,
      day: '2021-08-22',
      blocks: [
        { kind: 'paragraph', text: 'First line wrapped.' },
        { kind: 'paragraph', text: 'Second.' },
      ],
    });
  });

  it('takes for a subheading only a short line between paragraphs, without a final period, quote or number', () => {
    const kinds = (middle: string) => blocksOf(`date 2021-08-22 Lead.\n\n${middle}\n\nEnd.`)[1]!.kind;
    expect(kinds('Taliban meet Ahmad Massoud')).toBe('heading');
    expect(kinds('Who holds Andarab?')).toBe('heading');
    expect(kinds('The Taliban withdrew.')).toBe('paragraph');
    expect(kinds('One of them said,')).toBe('paragraph');
    expect(kinds('"We will fight"')).toBe('paragraph');
    expect(kinds('1. Not a list')).toBe('paragraph');
    expect(kinds('A line much too long to be a subheading of this report as it goes on and on')).toBe('paragraph');
    expect(blocksOf('date 2021-08-22 Lead.\n\nReporting by Jane Doe').at(-1)!.kind).toBe('paragraph');
  });

  it('explains a missing header or text', () => {
    expect(parseReport('22 August 2021\nText')).toMatchObject({
      ok: false,
      reason: 'The first line (`22 August 2021`) does not start with a date header.',
    });
    expect(parseReport('date 2021-08-22\n\n')).toMatchObject({ ok: false, reason: 'The report has no text after its date header.' });
    expect(parseReport('')).toMatchObject({ ok: false, reason: 'The report is empty.' });
  });
});

describe('headlineFrom', () => {
  it('takes the first sentence without its period', () => {
    expect(headlineFrom('Taliban enter Kabul. The president has left.')).toBe('Taliban enter Kabul');
  });

  it('cuts a long sentence at a clause, else a word, and marks the cut', () => {
    const headline = headlineFrom(blocksOf(seed)[0]!.text);
    expect(headline).toBe('Commander Lutfullah, who is leading the Andarab resistance in Afghanistan…');
    const words = headlineFrom(`${'word '.repeat(40)}end.`);
    expect(words.length).toBeLessThanOrEqual(HEADLINE_MAX_LENGTH + 1);
    expect(words).toMatch(/^word( word)+…$/);
  });
});

describe('reportMarkdown', () => {
  it('keeps every block as text through the site’s own Markdown renderer', () => {
    const hostile = [
      '# not a heading',
      '1. not a list',
      '2021. A year',
      '- not a list',
      '+ nor this',
      '> not a quote',
      '~5,000 fled, ~6,000 stayed',
      'a *b* _c_ [d](e) <script>f</script> &amp; `g`',
      '---',
      '| a | b |',
    ];
    const blocks: ReportBlock[] = [
      { kind: 'heading', text: 'Taliban vs Northern alliance?' },
      ...hostile.map((text) => ({ kind: 'paragraph' as const, text })),
    ];
    const tree = fromHtml(renderArticleBody(reportMarkdown(blocks)).html, { fragment: true });
    expect(selectAll('h2', tree).map((h) => textOf(h))).toEqual(['Taliban vs Northern alliance?']);
    expect(selectAll('p', tree).map((p) => textOf(p))).toEqual(hostile);
    expect(selectAll('h1, ol, ul, blockquote, del, em, strong, a, code, hr, table, script', tree)).toEqual([]);
  });
});

describe('placesInText', () => {
  it('finds the most specific places named, in order, by any spelling, as whole words', async () => {
    const { places, gazetteer } = await openProject(repoRoot);
    const ids = (text: string) => placesInText(text, places, gazetteer).map((p) => p.id);
    expect(ids(seed)).toEqual(['af/baghlan/banu', 'af/baghlan/pol-e-hesar', 'af/baghlan/de-salah', 'af/panjshir']);
    // `Andarab` is the region (its main name), not Banu (an old name); Baghlan and Afghanistan contain it.
    expect(ids('Fighting in Andarab, Baghlan province, Afghanistan.')).toEqual(['af/baghlan/andarab']);
    expect(ids('Shelling near Puli Hisar and پل حصار')).toEqual(['af/baghlan/pol-e-hesar']);
    expect(ids('Kabulis and Banuary are not places.')).toEqual([]);
  });
});
