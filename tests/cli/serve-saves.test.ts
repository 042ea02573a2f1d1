import { spawn } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editFile, poll, saveThreeTitles, startServe, stopServers } from '../helpers/serve-process.ts';
import { listFiles, makeTemp, removeTemps } from '../helpers/site.ts';

afterAll(async () => {
  stopServers();
  await removeTemps();
});

/** Every file of a folder, relative path → bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

describe('dateline serve, on every kind of save', () => {
  it('shows each, ends with quick successive saves in the state of the last, and leaves the site a clean build would', async () => {
    // Dateline runs from a copy of itself here: the test saves its templates and static files.
    const { root, url, dateline } = await startServe({ ownPackage: true });
    const status = async () =>
      (await (await fetch(`${url}__dateline/status`)).json()) as { state: string; builtAt?: number; text?: string };
    const page = async (path: string) => {
      const response = await fetch(url + path);
      return { status: response.status, text: await response.text() };
    };
    /** Makes a save and waits for a good build after it in which `shows` holds. */
    const save = async (what: string, change: () => Promise<void>, shows: () => Promise<boolean>) => {
      const before = Date.now();
      await change();
      await poll(async () => {
        const s = await status();
        if (s.state === 'failed') throw new Error(`${what}: the build failed: ${s.text}`);
        return s.state === 'ok' && (s.builtAt ?? 0) > before && (await shows()) ? true : undefined;
      }, what);
    };
    const articles = join(root, 'content/2021/08');

    await save(
      'a title change',
      () => editFile(join(articles, 'haiti-earthquake.md'), (t) => t.replace(/^title: .*$/m, 'title: Earthquake strikes Haiti')),
      async () => (await page('2021/08/14/')).text.includes('Earthquake strikes Haiti'),
    );
    const ida = join(articles, 'hurricane-ida-landfall.md');
    await save(
      'a date',
      () => editFile(ida, (t) => t.replace('date: 2021-08-29T11:55:00-05:00', 'date: 2021-08-28T11:55:00-05:00')),
      async () =>
        (await page('2021/08/28/hurricane-ida-landfall/')).status === 200 &&
        (await page('2021/08/29/hurricane-ida-landfall/')).status === 404,
    );
    await save(
      'a location',
      () => editFile(ida, (t) => t.replace(/^location: .*$/m, 'location: New Orleans, Louisiana, United States')),
      async () => (await page('2021/08/28/hurricane-ida-landfall/')).text.includes('<span class="dateline-place">New Orleans'),
    );
    await save(
      'tags',
      () => editFile(ida, (t) => t.replace(/^tags: \[/m, 'tags: [ferry-service, ')),
      async () => (await page('topics/ferry-service/')).status === 200,
    );
    await save(
      'a status',
      () => editFile(ida, (t) => t.replace(/^date: /m, 'status: withdrawn\ndate: ')),
      async () => (await page('2021/08/28/hurricane-ida-landfall/')).text.includes('This article has been withdrawn'),
    );
    await save(
      'a template',
      () =>
        editFile(join(dateline, 'templates/_includes/base.njk'), (t) =>
          t.replace('<p>{{ site.ui.builtWith }}</p>', '<p>{{ site.ui.builtWith }} A template saved.</p>'),
        ),
      async () => (await page('')).text.includes('A template saved.'),
    );
    await save(
      'a static file',
      () => editFile(join(dateline, 'public/style.css'), (t) => `${t}\nbody { outline: 3px solid rgb(1, 2, 3); }\n`),
      async () => (await page('style.css')).text.includes('rgb(1, 2, 3)'),
    );
    await save(
      'a new file',
      async () =>
        writeFile(
          join(articles, 'new-report.md'),
          (await readFile(join(articles, 'haiti-earthquake.md'), 'utf8')).replace(/^title: .*$/m, 'title: A report added while serving'),
        ),
      async () => (await page('2021/08/14/new-report/')).text.includes('A report added while serving'),
    );
    await save(
      'a deleted file',
      () => rm(join(articles, 'taliban-enter-kabul.md')),
      async () => (await page('2021/08/15/taliban-enter-kabul/')).status === 404,
    );
    await save(
      'a renamed file',
      () => rename(join(articles, 'hurricane-ida-landfall.md'), join(articles, 'hurricane-ida.md')),
      async () =>
        (await page('2021/08/28/hurricane-ida-landfall/')).status === 404 && (await page('2021/08/28/hurricane-ida/')).status === 200,
    );
    await save(
      'the places',
      () =>
        editFile(join(root, 'content/places/af.yaml'), (t) =>
          t.replace('  aliases: [Afghānistān]', '  aliases: [Afghānistān, Afghanestan]'),
        ),
      async () => true,
    );
    await save(
      'the settings',
      () => editFile(join(root, 'dateline.yaml'), (t) => t.replace(/^title: Dateline$/m, 'title: Dateline Desk')),
      async () => (await page('')).text.includes('Dateline Desk'),
    );
    // An editor's save-all: three saves of one file within a few milliseconds.
    const file = join(articles, 'kabul-airport-bombing.md');
    await save(
      'quick successive saves',
      () => saveThreeTitles(file, 'Airport attack'),
      async () => (await page('2021/08/26/kabul-airport-bombing/')).text.includes('Airport attack, version 3'),
    );
    expect((await page('2021/08/26/')).text).not.toMatch(/Airport attack, version [12]/);

    // The site on disk is what a clean build of the same files makes, but for the search index:
    // the changed records are in an overlay bundle, which gives the results of a clean build
    // (tests/e2e/search-overlay.test.ts) in other files.
    const clean = join(await makeTemp(), 'site');
    const built = spawn(process.execPath, [join(dateline, 'bin/dateline.js'), 'build', '--root', root, '--no-cache', '--out', clean], {
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => built.on('close', resolve))).toBe(0);
    const [served, fresh] = await Promise.all([snapshot(join(root, '_site')), snapshot(clean)]);
    const search = (name: string) => /^pagefind[^/]*\//.test(name) || name === 'search/index.json';
    const names = [...new Set([...served.keys(), ...fresh.keys()])].filter((name) => !search(name));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((n) => !served.get(n)?.equals(fresh.get(n) ?? Buffer.alloc(0)) || !fresh.has(n)).sort()).toEqual([]);
  });
});
