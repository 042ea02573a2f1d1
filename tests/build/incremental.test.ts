import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { copyFixture, makeTemp, removeTemps } from '../helpers/site.ts';

afterAll(removeTemps);

describe('incremental builds through runBuild', () => {
  it('caches two articles with the same body as one entry (no race between their writes)', async () => {
    const root = await copyFixture('zones');
    const text = await readFile(join(root, 'content/2021/08/day-only.md'), 'utf8');
    for (const n of [1, 2, 3]) await writeFile(join(root, `content/2021/08/copy-${n}.md`), text.replace(/^title: .*$/m, `title: Copy ${n}`));
    const out = join(await makeTemp(), 'site');
    const report = await runBuild({ root, overrides: { output: out }, cacheDir: join(root, '.dateline-cache') });
    expect(report.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.markdown?.rendered).toBeGreaterThanOrEqual(4);
  });

  it('does not call a project up to date when reading it found a new problem', async () => {
    const root = await copyFixture('zones');
    const out = join(await makeTemp(), 'site');
    const cacheDir = join(root, '.dateline-cache');
    expect((await runBuild({ root, overrides: { output: out }, cacheDir })).ok).toBe(true);
    expect((await runBuild({ root, overrides: { output: out }, cacheDir })).upToDate).toBe(true);
    await symlink(join(root, 'content/2021/08/day-only.md'), join(root, 'content/2021/08/link.md'));
    const again = await runBuild({ root, overrides: { output: out }, cacheDir });
    expect(again.upToDate).toBeFalsy();
    expect(again.ok).toBe(false);
    expect(again.messages.map((m) => m.ruleId)).toContain('symbolic-link');
  });
});
