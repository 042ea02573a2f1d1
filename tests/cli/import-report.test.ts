import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeTemps } from '../helpers/site.ts';
import { makeProject, runDateline } from './run-dateline.ts';

afterAll(removeTemps);

// A copy of /work/shared/seeds/andarab-2021-08-22.txt: a leading space, the date header, the first paragraph on the same line.
const SEED = join(import.meta.dirname, 'fixtures/andarab-2021-08-22.txt');
const GUESSED_FILE = 'content/2021/08/commander-lutfullah-who-is-leading-the-andarab-resistance-in.md';

function split(text: string): { frontMatter: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`No front matter in:\n${text}`);
  return { frontMatter: parse(match[1]!, { schema: 'core' }) as Record<string, unknown>, body: match[2]! };
}

describe('dateline import', () => {
  it('turns the seed report into a draft with the places the text names, which passes check', async () => {
    const root = await makeProject();
    await copyFile(SEED, join(root, 'report.txt'));
    const run = await runDateline(['import', 'report.txt'], root);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Wrote ${GUESSED_FILE} as a draft (status: draft).`);
    expect(run.stdout).toMatch(/title +guessed from the first sentence/);
    expect(run.stdout).toMatch(/location +the places the text names: Banu, Baghlan, Afghanistan; Pol-e-Hesar/);
    expect(run.stdout).toContain('set `timezone: Asia/Kabul`');

    const { frontMatter, body } = split(await readFile(join(root, GUESSED_FILE), 'utf8'));
    expect(frontMatter).toEqual({
      title: 'Commander Lutfullah, who is leading the Andarab resistance in Afghanistan…',
      status: 'draft',
      date: '2021-08-22',
      timezone: 'UTC',
      location: [
        'Banu, Baghlan, Afghanistan',
        'Pol-e-Hesar, Baghlan, Afghanistan',
        'De Salah, Baghlan, Afghanistan',
        'Panjshir, Afghanistan',
      ],
    });
    const lines = body.split('\n');
    expect(lines[0]).toMatch(/^Commander Lutfullah, who is leading the Andarab resistance/);
    expect(lines).toContain('## Taliban vs Northern alliance?');
    expect(lines).toContain('## Taliban meet Ahmad Massoud');
    expect(body).toContain('"Either we do or die, but we will not let Taliban rule here."');
    // Nine paragraphs and two subheadings, one block a line.
    expect(lines.filter((l) => l !== '')).toHaveLength(11);

    const checked = await runDateline(['check', '--drafts'], root);
    expect(checked, checked.stderr).toMatchObject({ code: 0, stderr: '', stdout: 'Checked 1 article: no errors.\n' });
  });

  it('publishes nothing guessed: with --title and --location there is no draft status; an existing file is kept', async () => {
    const root = await makeProject();
    await writeFile(join(root, 'report.txt'), 'date 2021-08-22\n\n# Not a heading\n\n1. Not a list\n\n> Not a quote\n');
    const args = [
      'import',
      'report.txt',
      '--title',
      'Andarab: a valley rises',
      '--location',
      'Banu, Baghlan, Afghanistan',
      '--timezone',
      'Asia/Kabul',
    ];
    const run = await runDateline(args, root);
    expect(run, run.stderr).toMatchObject({ code: 0, stdout: 'Wrote content/2021/08/andarab-a-valley-rises.md.\n' });
    const text = await readFile(join(root, 'content/2021/08/andarab-a-valley-rises.md'), 'utf8');
    expect(text).toBe(
      [
        '---',
        'title: "Andarab: a valley rises"',
        'date: 2021-08-22',
        'timezone: Asia/Kabul',
        'location: Banu, Baghlan, Afghanistan',
        '---',
        '\\# Not a heading',
        '',
        '1\\. Not a list',
        '',
        '\\> Not a quote',
        '',
      ].join('\n'),
    );

    const again = await runDateline(args, root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('content/2021/08/andarab-a-valley-rises.md already exists');
    expect(await readFile(join(root, 'content/2021/08/andarab-a-valley-rises.md'), 'utf8')).toBe(text);
  });

  it('says why a report cannot be imported, and goes on with the others', async () => {
    const root = await makeProject();
    await writeFile(join(root, 'no-date.txt'), 'Kabul, 22 August. Nothing dated.\n');
    await writeFile(join(root, 'nowhere.txt'), 'date 2021-08-22 Nothing happened anywhere we know.\n');
    await copyFile(SEED, join(root, 'seed.txt'));
    const run = await runDateline(['import', 'no-date.txt', 'nowhere.txt', 'seed.txt'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'no-date.txt: The first line (`Kabul, 22 August. Nothing dated.`) does not start with a date header. Start the report with `date YYYY-MM-DD`',
    );
    expect(run.stderr).toContain('nowhere.txt: no known place is named in the text. Give one with --location');
    expect(run.stdout).toContain(`Wrote ${GUESSED_FILE} as a draft`);
  });
});
