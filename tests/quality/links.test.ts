import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LinkChecker } from 'linkinator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { makeTemp, removeTemps } from '../helpers/site.ts';

const sites = inject('sites');
afterAll(removeTemps);

/** Crawls a built site as linkinator serves it; returns broken internal links and anchors. */
async function brokenLinks(dir: string): Promise<string[]> {
  const result = await new LinkChecker().check({
    path: dir,
    recurse: true,
    checkFragments: true,
    // A timeout is not a broken link: retry it (2 cores, thousands of pages).
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

describe('every internal link and anchor resolves', () => {
  it('in the example archive', async () => {
    expect(await brokenLinks(sites.example)).toEqual([]);
  });

  // About 110 s alone on two cores; more while the other test projects run beside it.
  it('in the 1,000-article archive', async () => {
    expect(await brokenLinks(sites.synthetic)).toEqual([]);
  }, 400_000);

  it('and the judge reports a broken link and a missing anchor (proof it is not vacuous)', async () => {
    const dir = await makeTemp();
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'index.html'), '<!DOCTYPE html><title>x</title><a href="a/index.html">ok</a> <a href="missing/index.html">broken</a> <a href="a/index.html#nowhere">anchor</a>');
    await writeFile(join(dir, 'a/index.html'), '<!DOCTYPE html><title>a</title><p id="here">a</p>');
    const broken = await brokenLinks(dir);
    expect(broken.some((b) => b.includes('missing/index.html'))).toBe(true);
    expect(broken.some((b) => b.includes('#nowhere'))).toBe(true);
  });
});
