import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { validateFolder } from 'check-html-links';
import { LinkChecker } from 'linkinator';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTemp, removeTemps, sharedOut, sharedOutInSetup } from '../helpers/site.ts';

afterAll(removeTemps);

/** Crawls a built site as linkinator serves it over HTTP; returns broken internal links and anchors. */
async function crawlBroken(dir: string): Promise<string[]> {
  const result = await new LinkChecker().check({
    path: dir,
    recurse: true,
    checkFragments: true,
    concurrency: 16,
    timeout: 30_000,
    retryErrors: true,
    retryErrorsCount: 3,
    // Only this site's own pages: canonical links point at the configured base URL, and
    // source links at the outlets, neither of which is reachable (or ours to judge) here.
    linksToSkip: async (link) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link),
  });
  return result.links.filter((l) => l.state === 'BROKEN').map((l) => `${l.parent} → ${l.url} (${l.status})`);
}

/**
 * Reads every HTML file of a folder with check-html-links: each href, src and srcset must name a
 * file of the folder, and each #anchor an id in it. External URLs are not fetched.
 */
async function fileBroken(dir: string): Promise<string[]> {
  const errors = await validateFolder(dir);
  return errors.flatMap((e) =>
    e.usage.map(
      (u) => `${relative(dir, u.file)}:${u.line + 1} → ${u.value} (${e.onlyAnchorMissing ? `no id "${u.anchor}"` : 'no such file'})`,
    ),
  );
}

const synthetic = sharedOutInSetup('synthetic');

// linkinator follows links as a browser would, through a server; on a large site its cost grows
// with the square of the links (it scans every result for each repeated link: 135 s at 1,000
// articles), so the generated archive is read file by file by check-html-links (5 s).

describe('every internal link and anchor resolves', () => {
  it('in the example archive, crawled over HTTP by linkinator', async () => {
    expect(await crawlBroken(await sharedOut('example'))).toEqual([]);
  });

  it('in the example (also sliced by time) and the 1,000-article archive, file by file (check-html-links)', async () => {
    expect(await fileBroken(await sharedOut('example'))).toEqual([]);
    expect(await fileBroken(await sharedOut('sliced'))).toEqual([]);
    expect(await fileBroken(synthetic())).toEqual([]);
  });

  it('and both judges report a broken link and a missing anchor (proof they are not vacuous)', async () => {
    const dir = await makeTemp();
    await mkdir(join(dir, 'a'));
    const links = '<a href="a/index.html">ok</a> <a href="missing/index.html">broken</a> <a href="a/index.html#nowhere">anchor</a>';
    await writeFile(join(dir, 'index.html'), `<!DOCTYPE html><title>x</title>${links}`);
    await writeFile(join(dir, 'a/index.html'), '<!DOCTYPE html><title>a</title><p id="here">a</p>');
    for (const broken of [await crawlBroken(dir), await fileBroken(dir)]) {
      expect(broken.some((b) => b.includes('missing/index.html'))).toBe(true);
      expect(broken.some((b) => b.includes('#nowhere') || b.includes('no id "nowhere"'))).toBe(true);
      // The good link is not among them.
      expect(broken.filter((b) => b.includes('a/index.html ('))).toEqual([]);
    }
  });
});
