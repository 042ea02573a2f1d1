import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeTemps } from '../helpers/site.ts';
import { makeProject, runDateline } from './run-dateline.ts';

afterAll(removeTemps);

/** The front matter of an article file, as Dateline reads it (YAML 1.2 core: dates stay strings). */
function frontMatterOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`No front matter in:\n${text}`);
  return parse(match[1]!, { schema: 'core' }) as Record<string, unknown>;
}

describe('dateline new', () => {
  it('writes a draft at content/YYYY/MM/<slug>.md whose placeholder body check flags until it is replaced', async () => {
    const root = await makeProject();
    const title = 'Taliban: "We will not stop" #andarab';
    const made = await runDateline(
      [
        'new',
        title,
        '--location',
        'Pol-e-Hesar, Baghlan, Afghanistan',
        '--tags',
        'andarab, taliban',
        '--lang',
        'fa',
        '--date',
        '2021-08-22',
      ],
      root,
    );
    expect(made, made.stderr).toMatchObject({ code: 0, stdout: 'content/2021/08/taliban-we-will-not-stop-andarab.md\n', stderr: '' });
    const text = await readFile(join(root, 'content/2021/08/taliban-we-will-not-stop-andarab.md'), 'utf8');
    expect(frontMatterOf(text)).toEqual({
      title,
      status: 'draft',
      date: '2021-08-22',
      // Afghanistan has one zone: the site's (UTC) is not taken for it.
      timezone: 'Asia/Kabul',
      location: 'Pol-e-Hesar, Baghlan, Afghanistan',
      tags: ['andarab', 'taliban'],
      lang: 'fa',
    });
    expect(text).toContain('tags: [andarab, taliban]\n');
    expect(text.endsWith('---\nTK: write the report here, then delete `status: draft` to publish it.\n')).toBe(true);

    // A draft: its placeholder is reported, and stops nothing.
    const draft = await runDateline(['check'], root);
    expect(draft.code, draft.stdout + draft.stderr).toBe(0);
    // The draft is counted among the files checked, and its warning in the verdict.
    expect(draft.stdout).toBe('Checked 1 article: no errors, 1 warning.\n');
    expect(draft.stdout + draft.stderr).toContain(
      'taliban-we-will-not-stop-andarab.md:10:1: warning In a draft, not published until fixed: The body still holds the placeholder `dateline new` wrote.',
    );
    // Published with the placeholder: an error.
    const file = join(root, 'content/2021/08/taliban-we-will-not-stop-andarab.md');
    await writeFile(file, text.replace('status: draft\n', ''));
    const published = await runDateline(['check'], root);
    expect(published.code).toBe(1);
    expect(published.stdout + published.stderr).toContain(
      'taliban-we-will-not-stop-andarab.md:9:1: error The body still holds the placeholder',
    );
    // The report written in its place: clean.
    await writeFile(file, text.replace('status: draft\n', '').replace(/TK: .*\n$/, 'The report.\n'));
    const clean = await runDateline(['check'], root);
    expect(clean, clean.stderr).toMatchObject({ code: 0, stderr: '', stdout: 'Checked 1 article: no errors.\n' });
  });

  it('uses now in the article’s zone for the date and the folder, whatever the machine’s zone', async () => {
    const root = await makeProject();
    // 20:00 UTC on 21 August is 00:30 on the 22nd in Kabul.
    const kabul = await runDateline(
      ['new', 'Resistance in Andarab', '--location', 'Banu, Baghlan, Afghanistan', '--timezone', 'Asia/Kabul'],
      root,
      { DATELINE_NOW: '2021-08-21T20:00:00Z' },
    );
    expect(kabul, kabul.stderr).toMatchObject({ code: 0, stdout: 'content/2021/08/resistance-in-andarab.md\n' });
    expect(frontMatterOf(await readFile(join(root, 'content/2021/08/resistance-in-andarab.md'), 'utf8'))).toMatchObject({
      date: '2021-08-22T00:30:00+04:30',
      timezone: 'Asia/Kabul',
    });

    // 03:00 UTC on 1 September is still 31 August in Los Angeles (and 1 September in UTC and on the machine).
    const la = await runDateline(
      ['new', 'Ida reaches the coast', '--location', 'New Orleans, Louisiana, United States', '--timezone', 'America/Los_Angeles'],
      root,
      { DATELINE_NOW: '2021-09-01T03:00:00Z' },
    );
    expect(la, la.stderr).toMatchObject({ code: 0, stdout: 'content/2021/08/ida-reaches-the-coast.md\n' });
    expect(frontMatterOf(await readFile(join(root, 'content/2021/08/ida-reaches-the-coast.md'), 'utf8'))).toMatchObject({
      date: '2021-08-31T20:00:00-07:00',
    });
  });

  it('takes the zone of the place’s country when it has one, with the site on UTC', async () => {
    const root = await makeProject();
    const made = await runDateline(['new', 'Kabul airport', '--location', 'Kabul, Afghanistan'], root, {
      DATELINE_NOW: '2021-08-31T20:00:00Z',
    });
    expect(made, made.stderr).toMatchObject({ code: 0, stdout: 'content/2021/09/kabul-airport.md\n' });
    expect(frontMatterOf(await readFile(join(root, 'content/2021/09/kabul-airport.md'), 'utf8'))).toMatchObject({
      date: '2021-09-01T00:30:00+04:30',
      timezone: 'Asia/Kabul',
    });
  });

  it('uses the site’s timezone from dateline.yaml for a country of several zones', async () => {
    const root = await makeProject();
    await writeFile(join(root, 'dateline.yaml'), 'timezone: America/Chicago\n');
    const made = await runDateline(['new', 'Ida reaches the coast', '--location', 'New Orleans, Louisiana, United States'], root, {
      DATELINE_NOW: '2021-08-29T17:00:00Z',
    });
    expect(made, made.stderr).toMatchObject({ code: 0, stdout: 'content/2021/08/ida-reaches-the-coast.md\n' });
    expect(frontMatterOf(await readFile(join(root, 'content/2021/08/ida-reaches-the-coast.md'), 'utf8'))).toMatchObject({
      date: '2021-08-29T12:00:00-05:00',
      timezone: 'America/Chicago',
    });
  });

  it('refuses to replace an existing file', async () => {
    const root = await makeProject();
    const args = ['new', 'Panjshir holds', '--location', 'Panjshir, Afghanistan', '--date', '2021-08-22'];
    expect((await runDateline(args, root)).code).toBe(0);
    const file = join(root, 'content/2021/08/panjshir-holds.md');
    const edited = `${await readFile(file, 'utf8')}The writer's text.\n`;
    await writeFile(file, edited);

    const again = await runDateline(args, root);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('content/2021/08/panjshir-holds.md already exists');
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('writes an unknown place with the check’s warning and suggestion', async () => {
    const root = await makeProject();
    const made = await runDateline(
      ['new', 'Fighting near the bridge', '--location', 'Pul-i-Hisarr, Baghlan, Afghanistan', '--date', '2021-08-22'],
      root,
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toBe('content/2021/08/fighting-near-the-bridge.md\n');
    expect(made.stderr).toContain(
      'content/2021/08/fighting-near-the-bridge.md:6:11: warning Unknown place `Pul-i-Hisarr, Baghlan, Afghanistan`',
    );
    expect(made.stderr).toContain('Did you mean `af/baghlan/pol-e-hesar` (Pol-e-Hesar)?');
    expect(made.stderr).toContain('[unknown-place]');
  });

  it('refuses a wrong option with the reason and exit 2, writing nothing', async () => {
    const root = await makeProject();
    const run = await runDateline(['new', 'A headline', '--location', 'Kabul, Afghanistan', '--timezone', 'Kabul'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timezone `Kabul` is not an IANA time zone. Did you mean `Asia/Kabul`?');
    const noPlace = await runDateline(['new', 'A headline'], root);
    expect(noPlace.code).toBe(2);
    expect(noPlace.stderr).toContain('--location');
  });
});
