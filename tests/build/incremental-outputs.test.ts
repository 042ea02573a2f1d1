import { spawn } from 'node:child_process';
import { cp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/site-config.ts';
import { SPARE_SITE } from '../../src/pipeline/output-manifest.ts';
import { type BuildReport, runBuild } from '../../src/pipeline/run-build.ts';
import { SPARE_LISTING } from '../../src/pipeline/write-site-atomically.ts';
import { listFiles, makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';

afterAll(removeTemps);

/** Every file of a folder, relative path → bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

/** Every folder under `dir`, relative to it, sorted. */
async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The files that differ between two folders (missing on either side included). */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => !a.get(n)?.equals(b.get(n) ?? Buffer.alloc(0)) || !b.has(n)).sort();
}

/** Waits until `f` resolves (up to ten seconds). */
async function waitFor(f: () => Promise<unknown>): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await f();
      return;
    } catch (error) {
      if (tries === 100) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

/** A change to the example project, applied to its copy. */
type Change = (project: string, templates: string) => Promise<void>;

async function edit(path: string, f: (text: string) => string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const next = f(text);
  if (next === text) throw new Error(`The change to ${path} changed nothing.`);
  await writeFile(path, next);
}

const article = (project: string, name: string) => join(project, 'content/2021/08', name);

/**
 * Each change, in turn, on one copy of the example, as a writer makes them over a day; last, the
 * changes to what every output is made by (a template, the config), after which nothing is reused.
 */
const CHANGES: [string, Change][] = [
  ['a body edit', (p) => edit(article(p, 'haiti-earthquake.md'), (t) => `${t}\nA sentence added to the body.\n`)],
  [
    'a title change (listings, feeds, related coverage)',
    (p) => edit(article(p, 'taliban-enter-kabul.md'), (t) => t.replace(/^title: .*$/m, 'title: The Taliban take Kabul')),
  ],
  [
    'a date change (moves between day pages)',
    (p) => edit(article(p, 'kabul-airport-bombing.md'), (t) => t.replace(/^date: 2021-08-26/m, 'date: 2021-08-27')),
  ],
  [
    'a location change',
    (p) => edit(article(p, 'haiti-earthquake.md'), (t) => t.replace(/^location:.*$/m, 'location: Les Cayes, Sud, Haiti')),
  ],
  ['a tag change', (p) => edit(article(p, 'andarab-resistance.md'), (t) => t.replace(/^tags: \[/m, 'tags: [resistance, '))],
  // Haiti's places and topics then list no report: their feeds say the archive's last change.
  ['an article withdrawn', (p) => edit(article(p, 'haiti-earthquake.md'), (t) => t.replace(/^title: /m, 'status: withdrawn\ntitle: '))],
  [
    'an article added (the newest: the feeds with no reports change too)',
    (p) =>
      writeFile(
        article(p, 'andarab-evening.md'),
        '---\ntitle: Evening in Andarab\ndate: 2021-09-25T20:00:00+04:30\ntimezone: Asia/Kabul\nlocation: Banu, Baghlan, Afghanistan\ntags: [andarab]\n---\nA report added by the test.\n',
      ),
  ],
  ['an article deleted', (p) => rm(article(p, 'hurricane-ida-landfall.md'))],
  ['an article renamed (its old URL gone)', (p) => rename(article(p, 'andarab-evening.md'), article(p, 'andarab-night.md'))],
  [
    "a feed's file deleted from the site, and another article edited (the feed is written whole again)",
    async (p) => {
      await rm(join(p, '_site/topics/andarab/rss.xml'));
      await edit(article(p, 'taliban-enter-kabul.md'), (t) => `${t}\nA sentence added to another article.\n`);
    },
  ],
  [
    'the search index deleted from the site, and a draft added (the index is written again, though its hash did not change)',
    async (p) => {
      await rm(join(p, '_site/pagefind'), { recursive: true });
      await writeFile(
        article(p, 'draft.md'),
        '---\ntitle: Not yet\ndate: 2021-08-23\nlocation: Kabul, Afghanistan\nstatus: draft\n---\nA draft.\n',
      );
    },
  ],
  [
    'the places YAML changed',
    (p) =>
      edit(join(p, 'content/places/af.yaml'), (t) =>
        t.replace('aliases: [Baglan, Baghlān]', 'aliases: [Baglan, Baghlān, Baghlan Province]'),
      ),
  ],
  [
    'the topics YAML changed (a name)',
    (p) => edit(join(p, 'content/topics.yaml'), (t) => t.replace('en: Kabul airport', 'en: Hamid Karzai airport')),
  ],
  [
    'a template changed',
    (_p, templates) =>
      edit(join(templates, 'listing.njk'), (t) =>
        t.replace('<p class="count">{{ listing.count }}</p>', '<p class="count listing-count">{{ listing.count }}</p>'),
      ),
  ],
  ['dateline.yaml changed', (p) => edit(join(p, 'dateline.yaml'), (t) => t.replace(/^title: .*$/m, 'title: Dateline archive'))],
];

describe('an incremental build', () => {
  let project: string;
  let templates: string;
  let out: string;
  let cacheDir: string;
  // overlay_max 0: the search index too is written as a clean build writes it (the overlay is
  // compared with a clean build by what a reader sees, in tests/e2e/search-overlay.test.ts).
  const build = (options: { output: string; cacheDir?: string }): Promise<BuildReport> =>
    runBuild({
      root: project,
      templates,
      cacheDir: options.cacheDir,
      overrides: { output: options.output, search: { ...siteConfigSchema.shape.search.parse({}), overlay_max: 0 } },
    });

  beforeAll(async () => {
    project = await makeTemp();
    await cp(join(repoRoot, 'content'), join(project, 'content'), { recursive: true });
    await cp(join(repoRoot, 'dateline.yaml'), join(project, 'dateline.yaml'));
    templates = join(project, 'templates');
    await cp(join(repoRoot, 'templates'), templates, { recursive: true });
    out = join(project, '_site');
    cacheDir = join(project, '.dateline-cache');
    expect((await build({ output: out, cacheDir })).ok).toBe(true);
  });

  const EVERYTHING = ['a template changed', 'dateline.yaml changed'];
  let keptInPlace = 0;
  let keptOld = 0;
  let listed = 0;
  it.each(CHANGES)('after %s, is byte for byte a clean build, and reuses the unchanged files', async (name, change) => {
    await change(project, templates);
    const served = await snapshot(out);
    const incremental = await build({ output: out, cacheDir });
    keptInPlace = Math.max(keptInPlace, incremental.keptInPlace ?? 0);
    // The site replaced is kept as the spare when it shares most files with the new one, and
    // nothing was written through a link into it while it was served: it is byte for byte the
    // site served before the build.
    if (incremental.spare === 'old') {
      keptOld++;
      // Its listing is written beside its files after the build (the next build takes it rather
      // than walking the folder): read the folder once the listing is there, not while its
      // temporary file is.
      await waitFor(() => stat(join(cacheDir, SPARE_SITE, SPARE_LISTING)));
      const spare = await snapshot(join(cacheDir, SPARE_SITE));
      // The listing is no file of the site.
      spare.delete(SPARE_LISTING);
      expect(differences(spare, served)).toEqual([]);
    }
    if (incremental.spareListed) listed++;
    expect(incremental.messages.filter((m) => m.severity === 'error')).toEqual([]);
    const clean = join(await makeTemp(), 'site');
    expect((await build({ output: clean })).ok).toBe(true);
    expect(differences(await snapshot(out), await snapshot(clean))).toEqual([]);
    // No folder left behind (a renamed article's, emptied in the spare site the build started from).
    expect(await folders(out)).toEqual(await folders(clean));
    if (name === 'a template changed')
      expect(await readFile(join(out, 'places/af/index.html'), 'utf8')).toContain('<p class="count listing-count">');
    // The files nothing changed for were not checked again, and their pages came from the previous site.
    if (name === 'a body edit') expect(incremental.check).toMatchObject({ cached: 9, checked: 1 });
    // The exports and the sitemap print no body: a body edit takes them from the previous site; a title is in the exports.
    if (name === 'a body edit') expect(Object.keys(incremental.timings)).not.toEqual(expect.arrayContaining(['exports']));
    if (name === 'a body edit') expect(Object.keys(incremental.timings)).not.toEqual(expect.arrayContaining(['sitemap']));
    if (name.startsWith('a title change')) expect(Object.keys(incremental.timings)).toEqual(expect.arrayContaining(['exports']));
    // Every page changes with a template or the title; the search index, which prints neither, is kept.
    if (EVERYTHING.includes(name)) expect(incremental.reused).toBe((await listFiles(join(out, 'pagefind'))).length);
    else expect(incremental.reused).toBeGreaterThan(50);
  });

  it('started from the spare site, keeping its unchanged files in place, when that kept more than linking', () => {
    expect(keptInPlace).toBeGreaterThan(50);
    expect(keptOld).toBeGreaterThanOrEqual(5);
    expect(listed).toBeGreaterThanOrEqual(4);
  });
});

describe('a build after only bodies changed', () => {
  it('makes no model, writes the pages and feeds that print them and overlays their search records, and equals a clean build', async () => {
    const project = await makeTemp();
    await cp(join(repoRoot, 'content'), join(project, 'content'), { recursive: true });
    await cp(join(repoRoot, 'dateline.yaml'), join(project, 'dateline.yaml'));
    const out = join(project, '_site');
    const cacheDir = join(project, '.dateline-cache');
    const build = (output: string, cache?: string) => runBuild({ root: project, cacheDir: cache, overrides: { output } });
    expect((await build(out, cacheDir)).ok).toBe(true);
    // Outside the search index, which takes the changed records into an overlay (compared with a
    // clean build's by what a reader finds in tests/e2e/search-overlay.test.ts).
    const site = async (dir: string) =>
      new Map([...(await snapshot(dir))].filter(([f]) => !/^(pagefind[^/]*\/|search\/index\.json)/.test(f)));
    // Two fields of the front matter swapped change the file, not its page: the page's view is kept for the next edit.
    const comment = (t: string) => t.replace(/^(title: .*)\n(date: .*)$/m, '$2\n$1');
    const steps: [string, boolean, (t: string) => string][] = [
      ['haiti-earthquake.md', true, (t) => `${t}\nA sentence added to the body.\n`],
      ['taliban-enter-kabul.md', true, (t) => `${t}\nA sentence added to another body.\n`],
      ['haiti-earthquake.md', true, comment],
      ['haiti-earthquake.md', true, (t) => `${t}\nA sentence added after the comment.\n`],
    ];
    for (const [name, bodyOnly, change] of steps) {
      await edit(article(project, name), change);
      const incremental = await build(out, cacheDir);
      expect(incremental.ok).toBe(true);
      expect(incremental.bodyOnly ?? false).toBe(bodyOnly);
      expect(Object.keys(incremental.timings)).not.toContain('archive');
      const clean = join(await makeTemp(), 'site');
      expect((await build(clean)).ok).toBe(true);
      expect(differences(await site(out), await site(clean))).toEqual([]);
      const data = JSON.parse(await readFile(join(out, 'search/index.json'), 'utf8'));
      expect(data.overlay).toBe('pagefind-overlay');
      expect(Object.values(data.superseded).map((s) => (s as { url: string }).url)).toContain(
        `/2021/08/${name === 'haiti-earthquake.md' ? '14/haiti-earthquake' : '15/taliban-enter-kabul'}/`,
      );
    }
    // The first paragraph is the excerpt, in the exports: the model is made again.
    await edit(article(project, 'haiti-earthquake.md'), (t) => t.replace(/\n---\n/, '\n---\nA new first paragraph.\n\n'));
    const excerpt = await build(out, cacheDir);
    expect(excerpt.bodyOnly).toBeUndefined();
    const clean = join(await makeTemp(), 'site');
    expect((await build(clean)).ok).toBe(true);
    expect(differences(await site(out), await site(clean))).toEqual([]);
  });
});

describe('a build killed while it writes', () => {
  it('leaves the previous site whole, and the next build tidies up and equals a clean build', async () => {
    const project = await makeTemp();
    await cp(join(repoRoot, 'content'), join(project, 'content'), { recursive: true });
    // overlay_max 0: the search index too is written as a clean build writes it.
    await writeFile(
      join(project, 'dateline.yaml'),
      `${await readFile(join(repoRoot, 'dateline.yaml'), 'utf8')}search:\n  overlay_max: 0\n`,
    );
    const run = (...args: string[]) =>
      spawn(process.execPath, [join(repoRoot, 'bin/dateline.js'), 'build', '--root', project, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const finish = (child: ReturnType<typeof run>) => new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(await finish(run())).toBe(0);
    const before = await snapshot(join(project, '_site'));

    await edit(article(project, 'haiti-earthquake.md'), (t) => `${t}\nA sentence the killed build never publishes.\n`);
    const killed = run('--force');
    // Killed as it writes, once its pages are hashed, before they are rendered (a line per stage
    // ends when not on a terminal).
    let said = '';
    killed.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (/^hash-pages\s/m.test(said)) killed.kill('SIGKILL');
    });
    expect(await finish(killed)).toBeNull();
    expect(differences(await snapshot(join(project, '_site')), before)).toEqual([]);
    expect((await readdir(project)).filter((n) => n.startsWith('_site.'))).toHaveLength(1);

    expect(await finish(run())).toBe(0);
    // (The site it replaced, `_site.old-…`, may still be being removed, by a process of its own.)
    expect((await readdir(project)).filter((n) => n.startsWith('_site') && !n.startsWith('_site.old-'))).toEqual(['_site']);
    const clean = join(await makeTemp(), 'site');
    expect(await finish(run('--no-cache', '--out', clean))).toBe(0);
    expect(differences(await snapshot(join(project, '_site')), await snapshot(clean))).toEqual([]);

    // Killed while it writes into the spare site it started from: the site served stays whole,
    // and the next build, without the spare, equals a clean build.
    const served = await snapshot(join(project, '_site'));
    await edit(article(project, 'haiti-earthquake.md'), (t) => `${t}\nA second sentence the killed build never publishes.\n`);
    const killedInSpare = run();
    said = '';
    killedInSpare.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (/^reuse\s/m.test(said)) killedInSpare.kill('SIGKILL');
    });
    expect(await finish(killedInSpare)).toBeNull();
    expect(differences(await snapshot(join(project, '_site')), served)).toEqual([]);
    expect(await finish(run())).toBe(0);
    const cleanAgain = join(await makeTemp(), 'site');
    expect(await finish(run('--no-cache', '--out', cleanAgain))).toBe(0);
    expect(differences(await snapshot(join(project, '_site')), await snapshot(cleanAgain))).toEqual([]);
  });
});
