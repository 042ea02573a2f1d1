import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { copyFixture, removeTemps } from '../helpers/site.ts';

afterAll(removeTemps);
const article = (title: string, extra = '') =>
  `---\ntitle: ${title}\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\n${extra}---\nBody.\n`;

describe('finding articles', () => {
  it('reads .Md and .markdown files (slug without the extension) and .md files under places/', async () => {
    const root = await copyFixture('hostile');
    await writeFile(join(root, 'content/2021/08/upper.Md'), article('Upper'));
    await writeFile(join(root, 'content/2021/08/long-form.markdown'), article('Long form'));
    await writeFile(join(root, 'content/places/note.md'), article('In places'));
    const report = await runBuild({ root, dryRun: true });
    expect(report.messages).toEqual([]);
    expect(
      report
        .archive!.articles.map((a) => a.url)
        .filter((u) => /upper|long-form|note/.test(u))
        .sort(),
    ).toEqual(['/2021/08/22/long-form/', '/2021/08/22/note/', '/2021/08/22/upper/']);
  });

  it('reports symbolic links instead of skipping them silently', async () => {
    const root = await copyFixture('hostile');
    await writeFile(join(root, 'outside.md'), article('Outside'));
    await symlink(join(root, 'outside.md'), join(root, 'content/2021/08/linked.md'));
    await mkdir(join(root, 'elsewhere'));
    await symlink(join(root, 'elsewhere'), join(root, 'content/linked-folder'));
    const report = await runBuild({ root, dryRun: true });
    expect(report.messages.map((m) => `${m.file} ${m.ruleId}`)).toEqual([
      'content/2021/08/linked.md symbolic-link',
      'content/linked-folder symbolic-link',
    ]);
    expect(report.ok).toBe(false);
  });
});

describe('topics and related links written twice', () => {
  it('count an article once per topic and once per related link', async () => {
    const root = await copyFixture('hostile');
    await writeFile(
      join(root, 'content/2021/08/twice.md'),
      article('Twice', 'tags: [Taliban, taliban]\nrelated: [2021/08/21/bom-crlf, 2021/08/21/bom-crlf]\n'),
    );
    const report = await runBuild({ root, dryRun: true });
    const page = report.archive!.articles.find((a) => a.title === 'Twice')!;
    expect(page.topics.map((t) => t.url)).toEqual(['/topics/taliban/']);
    expect(page.related.filter((r) => r.url === '/2021/08/21/bom-crlf/')).toHaveLength(1);
    expect(report.archive!.listings.find((l) => l.url === '/topics/taliban/')!.count).toBe('1 report');
  });
});

describe('periods across zones', () => {
  it('orders months by their local date, not by UTC', async () => {
    const root = await copyFixture('zones');
    await writeFile(
      join(root, 'content/2021/08/new-year-kiritimati.md'),
      '---\ntitle: New year in Kiritimati\ndate: 2022-01-01T00:30\ntimezone: Pacific/Kiritimati\nlocation: Baghlan, Afghanistan\n---\nx\n',
    );
    await writeFile(
      join(root, 'content/2021/08/new-year-eve-la.md'),
      '---\ntitle: New year’s eve in Los Angeles\ndate: 2021-12-31T20:00\ntimezone: America/Los_Angeles\nlocation: Baghlan, Afghanistan\n---\nx\n',
    );
    const report = await runBuild({ root, dryRun: true });
    const december = report.archive!.listings.find((l) => l.url === '/2021/12/')!;
    expect(december.next?.url).toBe('/2022/01/');
    expect(december.prev?.url).toBe('/2021/08/');
  });
});

describe('a project with no content folder', () => {
  it('is an error, not an empty archive', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { makeTemp, repoRoot } = await import('../helpers/site.ts');
    const missing = join(await makeTemp(), 'no-such-project');
    const result = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin/dateline.js'), 'build', '--root', missing]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `dateline: No content folder at ${join(missing, 'content')}. Run Dateline in the project folder, pass --root, or set \`content\` in dateline.yaml.\n`,
    );
  });
});
