import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/content/validate-article.ts';
import { context } from '../helpers/check.ts';
import { buildSite, copyFixture, removeTemps } from '../helpers/site.ts';

afterAll(removeTemps);

const DRAFT_WRONG_ZONE = [
  '---',
  'title: Not yet',
  'status: draft',
  'date: 2021-08-23',
  'timezone: Kabul',
  'location: Baghlan, Afghanistan',
  '---',
  'A draft.',
];
const DRAFT_BROKEN_YAML = [
  '---',
  'title: a: b',
  "status: 'draft'",
  'date: 2021-08-23',
  'location: Baghlan, Afghanistan',
  '---',
  'A draft.',
];

describe('drafts never block the desk', () => {
  it('reports a draft’s errors as warnings, and builds the published articles beside it', async () => {
    const root = await copyFixture('zones');
    await writeFile(join(root, 'content/draft.md'), DRAFT_WRONG_ZONE.join('\n'));
    await writeFile(join(root, 'content/broken-draft.md'), DRAFT_BROKEN_YAML.join('\n'));
    const site = await buildSite(root);
    expect(site.report.ok).toBe(true);
    const drafts = site.report.messages.filter((m) => m.file.endsWith('draft.md'));
    expect(drafts.map((m) => `${m.file}:${m.line} ${m.severity} ${m.ruleId}`)).toEqual([
      'content/broken-draft.md:2 warning yaml-syntax',
      'content/draft.md:5 warning invalid-timezone',
    ]);
    expect(drafts.every((m) => m.reason.startsWith('In a draft, not published until fixed: '))).toBe(true);
    expect(site.report.articles).toBeGreaterThan(0);
    expect((await site.files()).some((f) => f.includes('not-yet'))).toBe(false);
  });

  it('stops a build that publishes drafts (--drafts) on the same errors', async () => {
    const root = await copyFixture('zones');
    await writeFile(join(root, 'content/draft.md'), DRAFT_WRONG_ZONE.join('\n'));
    await expect(buildSite(root, { drafts: true })).resolves.toMatchObject({ report: { ok: false } });
    const site = await buildSite(root, { drafts: true }).catch(() => undefined);
    expect(site?.report.messages.find((m) => m.ruleId === 'invalid-timezone')?.severity).toBe('error');
  });

  it('knows a draft by its `status: draft` line even when the YAML around it is broken; not by a line in the body', () => {
    const check = (lines: string[]) =>
      checkArticle({ file: 'content/x.md', bytes: new TextEncoder().encode(lines.join('\n')) }, context).draft;
    expect(check(DRAFT_BROKEN_YAML)).toBe(true);
    expect(check(DRAFT_WRONG_ZONE)).toBe(true);
    expect(check(DRAFT_WRONG_ZONE.map((l) => (l === 'status: draft' ? 'status: published' : l)))).toBe(false);
    expect(check(['---', 'title: T', 'date: 2021-08-23', 'location: Kabul, Afghanistan', '---', 'status: draft'])).toBe(false);
    // YAML reads `draft#x` as the status (no space before the `#`): not a draft, an invalid status.
    expect(check(DRAFT_WRONG_ZONE.map((l) => (l === 'status: draft' ? 'status: draft#x' : l)))).toBe(false);
    expect(check(DRAFT_WRONG_ZONE.map((l) => (l === 'status: draft' ? 'status: draft  # until Monday' : l)))).toBe(true);
    // A duplicate `status` (an error) is no draft: the second line may publish it.
    expect(check(DRAFT_WRONG_ZONE.map((l) => (l === 'status: draft' ? 'status: draft\nstatus: published' : l)))).toBe(false);
    // What YAML reads as a draft is one, however it is written.
    for (const written of ['status : draft', '"status": draft', 'status: !!str draft', 'status:\n  draft']) {
      expect(check(DRAFT_WRONG_ZONE.map((l) => (l === 'status: draft' ? written : l))), written).toBe(true);
    }
  });
});
