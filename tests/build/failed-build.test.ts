import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { SITE_MARKER } from '../../src/pipeline/write-site-atomically.ts';
import { copyFixture, listFiles, makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';

afterAll(removeTemps);

const article = (fields: string, body = 'Body.') => `---\n${fields}\n---\n${body}\n`;
const valid = 'title: Fine\ndate: 2021-08-22\nlocation: Pol-e-Hesar, Baghlan, Afghanistan';

describe('a build with broken content', () => {
  it('reports every problem of every file together and writes nothing', async () => {
    const root = await copyFixture('hostile');
    const dir = join(root, 'content/2021/08');
    const pwned = join(await makeTemp(), 'pwned');
    await writeFile(
      join(dir, 'executable.md'),
      `---js\n{ title: require('fs').writeFileSync(${JSON.stringify(pwned)}, 'x') }\n---\nBody\n`,
    );
    await writeFile(join(dir, 'empty.md'), '');
    await writeFile(join(dir, 'binary.md'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    await writeFile(join(dir, 'typo.md'), article('title: Typo\ndate: 2021-08-22\nlocaton: Baghlan'));
    await writeFile(
      join(dir, 'bad-date.md'),
      article('title: Bad date\ndate: 2021-08-22T14:30:00+04:00\ntimezone: Asia/Kabul\nlocation: Baghlan, Afghanistan'),
    );
    await writeFile(join(dir, 'escape.md'), article(`${valid}\nslug: ../../x`));

    const out = join(await makeTemp(), 'site');
    const report = await runBuild({ root, overrides: { output: out } });

    expect(report.ok).toBe(false);
    const summary = report.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`);
    expect(summary).toEqual([
      'content/2021/08/bad-date.md:3:7 invalid-date',
      'content/2021/08/binary.md:1:1 not-text',
      'content/2021/08/empty.md:1:1 empty-file',
      'content/2021/08/escape.md:5:7 invalid-slug',
      'content/2021/08/executable.md:1:1 unsupported-front-matter',
      'content/2021/08/typo.md:1:1 missing-field',
      'content/2021/08/typo.md:4:1 unknown-field',
    ]);
    expect(report.messages.find((m) => m.ruleId === 'unknown-field')!.fix).toContain('`location`');
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves the previous site untouched', async () => {
    const root = await copyFixture('hostile');
    const out = join(await makeTemp(), 'site');
    expect((await runBuild({ root, overrides: { output: out } })).ok).toBe(true);
    const before = await listFiles(out);
    const home = await readFile(join(out, 'index.html'), 'utf8');

    await writeFile(join(root, 'content/2021/08/broken.md'), article('title: Broken\ndate: tomorrow\nlocation: Baghlan'));
    const report = await runBuild({ root, overrides: { output: out } });
    expect(report.ok).toBe(false);
    expect(await listFiles(out)).toEqual(before);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe(home);
    expect(before).toContain(SITE_MARKER);
  });

  it('names both files when two articles would share a URL', async () => {
    const root = await copyFixture('hostile');
    await mkdir(join(root, 'content/other'), { recursive: true });
    await writeFile(join(root, 'content/other/a.md'), article(`${valid}\nslug: same`));
    await writeFile(join(root, 'content/other/b.md'), article(`${valid.replace('Fine', 'Also fine')}\nslug: same`));
    const report = await runBuild({ root, dryRun: true });
    const duplicate = report.messages.filter((m) => m.ruleId === 'duplicate-url');
    expect(duplicate).toHaveLength(1);
    expect(`${duplicate[0]!.file} ${duplicate[0]!.reason}`).toMatch(/content\/other\/[ab]\.md .*content\/other\/[ab]\.md/);
    expect(duplicate[0]!.reason).toContain('/2021/08/22/same/');
  });

  it('refuses to replace a folder it did not build, or one holding the project', async () => {
    const root = await copyFixture('hostile');
    const precious = await makeTemp();
    await writeFile(join(precious, 'thesis.docx'), 'years of work');
    await expect(runBuild({ root, overrides: { output: precious } })).rejects.toThrow(/not built by Dateline/);
    expect(await readFile(join(precious, 'thesis.docx'), 'utf8')).toBe('years of work');
    await expect(runBuild({ root, overrides: { output: '.' } })).rejects.toThrow(/contains/);
    expect(existsSync(join(root, 'content/places/af.yaml'))).toBe(true);
  });
});

describe('a template that prints a value the model does not have', () => {
  it('fails the build, naming the template, and leaves the previous site (throwOnUndefined)', async () => {
    const root = await copyFixture('zones');
    const templates = join(await makeTemp(), 'templates');
    await cp(join(repoRoot, 'templates'), templates, { recursive: true });
    const out = join(await makeTemp(), 'site');
    expect((await runBuild({ root, templates, overrides: { output: out } })).ok).toBe(true);
    const before = await listFiles(out);
    const page = join(templates, 'article.njk');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<h1', '{{ article.byline }}<h1'));
    await expect(runBuild({ root, templates, overrides: { output: out } })).rejects.toThrow(
      /article\.njk[\s\S]*undefined|undefined[\s\S]*article\.njk/,
    );
    expect(await listFiles(out)).toEqual(before);
  });
});
