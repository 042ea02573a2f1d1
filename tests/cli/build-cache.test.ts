import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';
import { runDateline } from './run-dateline.ts';

afterAll(removeTemps);

/**
 * A copy of the example project (config, articles, gazetteer), its search index written as a
 * clean build writes it (`overlay_max: 0`), so that whole sites compare byte for byte; the
 * overlay is compared with a clean build by what a reader sees (tests/e2e/search-overlay.test.ts).
 */
async function exampleProject(): Promise<string> {
  const root = await makeTemp('dateline-cache-');
  await writeFile(join(root, 'dateline.yaml'), `${await readFile(join(repoRoot, 'dateline.yaml'), 'utf8')}search:\n  overlay_max: 0\n`);
  await cp(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  return root;
}

/** Every file of a site with its bytes, for byte-for-byte comparison. */
async function siteBytes(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

function expectSameSite(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...a.keys()]).toEqual([...b.keys()]);
  const differing = [...a].filter(([f, bytes]) => !bytes.equals(b.get(f)!)).map(([f]) => f);
  expect(differing).toEqual([]);
}

const ANDARAB = 'content/2021/08/andarab-resistance.md';

// One project through a writer's day, each step building on the last (a command-line build costs
// about three seconds, so the steps share their builds instead of starting over).
describe('incremental builds (the .dateline-cache folder)', () => {
  let root: string;
  const site = () => siteBytes(join(root, '_site'));

  it('prints a line per stage when not on a terminal, and renders every body on a first build', async () => {
    root = await exampleProject();
    const first = await runDateline(['build'], root, { CI: 'true' });
    expect(first.code, first.stderr).toBe(0);
    for (const stage of ['read', 'check', 'markdown', 'archive', 'pages'])
      expect(first.stderr).toMatch(new RegExp(`^${stage} +[\\d.]+ s$`, 'm'));
    expect(first.stderr).not.toContain('\r');
    expect(first.stdout).toMatch(/markdown [\d.]+ s \(0 cached, 10 rendered\)/);
    // The size the build measured (the search index once Pagefind has written it) is the site's.
    const bytes = [...(await site()).values()].reduce((sum, b) => sum + b.length, 0);
    const size = `(${(await listFiles(join(root, '_site'))).length} files, ${(bytes / 1_000_000).toFixed(1)} MB)`;
    expect(first.stdout).toContain(`Built 10 articles into`);
    expect(first.stdout).toContain(`in _site/ ${size}.`);
  });

  it('skips an unchanged project', async () => {
    const again = await runDateline(['build'], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing changed since the last build: _site\/ is up to date/);
  });

  it('renders only an edited body, and equals a clean build byte for byte', async () => {
    await appendFile(join(root, ANDARAB), '\nA sentence added by the cache test.\n');
    const edited = await runDateline(['build'], root);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout, edited.stdout).toMatch(/\(9 cached, 1 rendered\)/);
    // The size of what was taken from the last build is not measured again: what was written is said.
    expect(edited.stdout).toMatch(/^Built 10 articles into \d+ pages in _site\/ \(\d+ files, \d+ written\)/m);
    expect(await readFile(join(root, '_site/2021/08/22/andarab-resistance/index.html'), 'utf8')).toContain(
      'A sentence added by the cache test.',
    );

    const clean = await runDateline(['build', '--no-cache', '--out', 'clean'], root);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/\(0 cached, 10 rendered\)/);
    expectSameSite(await site(), await siteBytes(join(root, 'clean')));
  });

  it('renders again a damaged cache entry, and a deleted cache is simply rebuilt', async () => {
    // An entry of the cache (a shard folder may be empty: the edit's old entry was pruned).
    const shards = join(root, '.dateline-cache/markdown');
    const entries = (await readdir(shards, { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile() && /^[0-9a-f]{64}\.json$/.test(e.name),
    );
    await writeFile(join(entries[0]!.parentPath, entries[0]!.name), '{"html": tru');
    const damaged = await runDateline(['build', '--force'], root);
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(damaged.stdout).toMatch(/\(9 cached, 1 rendered\)/);
    expectSameSite(await site(), await siteBytes(join(root, 'clean')));

    // The build's detached process may still be linking its spare site into the cache (it gives
    // up once its folder is gone): removing the folder is tried again until nothing is left.
    await rm(join(root, '.dateline-cache'), { recursive: true, maxRetries: 20, retryDelay: 50 });
    const rebuilt = await runDateline(['build'], root);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/\(0 cached, 10 rendered\)/);
  });

  it('builds again when the config or the output folder changed', async () => {
    const config = join(root, 'dateline.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^title: .*$/m, 'title: Renamed archive'));
    const changed = await runDateline(['build'], root);
    expect(changed.stdout).toMatch(/^Built 10 articles/);
    expect(await readFile(join(root, '_site/index.html'), 'utf8')).toContain('Renamed archive');
    // The site folder deleted by hand: not "up to date".
    await rm(join(root, '_site'), { recursive: true });
    const restored = await runDateline(['build'], root);
    expect(restored.stdout).toMatch(/^Built 10 articles/);
    expect(restored.stdout).toMatch(/\(10 cached, 0 rendered\)/);
  });
});
