/**
 * Takes the README's screenshots of the example archive (docs/screenshot-*.png): builds it into
 * a scratch folder (and, for the Dari page, as one site in English, Dari and Pashto), serves it,
 * and photographs each page in headless Chromium.
 *
 *   npm run screenshots                # every shot
 *   npm run screenshots -- search      # the shots whose name contains "search"
 *
 * Chromium: $CHROMIUM_PATH, else the system's, else the one the browser tests unpacked (run
 * `npm test` once). The place page sliced by time (docs/screenshot-sliced-place.png) is of a
 * generated corpus, and is taken by hand (README, Listings).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import sirv from 'sirv';
import { runBuild } from '../src/pipeline/run-build.ts';

const root = join(import.meta.dirname, '..');

interface Shot {
  name: string;
  path: string;
  width: number;
  height: number;
  colorScheme?: 'light' | 'dark';
  /** What to do before the photograph (type a query, wait for results). */
  ready?: (page: Page) => Promise<void>;
  /** Of the example built as one site in English, Dari and Pashto (`languages`), not in English alone. */
  languages?: boolean;
}

/** The example's languages for the shots that show a site in several. */
const LANGUAGES = ['en', 'fa', 'ps'];

const SHOTS: Shot[] = [
  { name: 'article', path: '/2021/08/22/andarab-resistance/', width: 1100, height: 1300 },
  { name: 'place', path: '/places/af/baghlan/', width: 1200, height: 1250 },
  { name: 'article-dari', path: '/2021/08/22/andarab-resistance-dari/', width: 1100, height: 1100, languages: true },
  {
    name: 'search',
    path: '/search/?q=Kabul',
    width: 1100,
    height: 900,
    ready: async (page) => {
      await page
        .locator('#search-status')
        .filter({ hasText: /reports for/ })
        .waitFor();
      await page.locator('.search-result').first().waitFor();
    },
  },
  {
    name: 'search-phone',
    path: '/search/?q=Kabul',
    width: 390,
    height: 844,
    ready: async (page) => {
      await page.locator('.search-result').first().waitFor();
    },
  },
  { name: 'article-phone-dark', path: '/2021/08/22/andarab-resistance/', width: 390, height: 844, colorScheme: 'dark' },
];

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (system) return system;
  const cache = join(root, 'node_modules/.cache/dateline-tests');
  const unpacked = existsSync(cache) ? readdirSync(cache).filter((d) => d.startsWith('chromium-') && !d.includes('.partial')) : [];
  if (unpacked.length > 0) return join(cache, unpacked.sort().at(-1)!, 'chromium');
  throw new Error('No Chromium: set CHROMIUM_PATH, install Debian’s chromium, or run `npm test` once.');
}

const only = process.argv.slice(2);
const shots = SHOTS.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)));
const scratch = await mkdtemp(join(tmpdir(), 'dateline-screenshots-'));
try {
  // The example as it is, and as one site in three languages when a shot shows that.
  const servers: Record<'english' | 'languages', string | undefined> = { english: undefined, languages: undefined };
  const listening: ReturnType<typeof createServer>[] = [];
  for (const kind of ['english', 'languages'] as const) {
    if (!shots.some((s) => Boolean(s.languages) === (kind === 'languages'))) continue;
    const out = join(scratch, kind);
    const languages = kind === 'languages' ? { languages: LANGUAGES } : {};
    const report = await runBuild({ root, overrides: { output: out, links: 'clean', ...languages } });
    if (!report.ok) throw new Error('The example archive did not build.');
    const server = createServer(sirv(out, { dev: true }));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    listening.push(server);
    servers[kind] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--disable-gpu', '--no-first-run'] });
  try {
    for (const shot of shots) {
      const page = await browser.newPage({
        viewport: { width: shot.width, height: shot.height },
        colorScheme: shot.colorScheme ?? 'light',
      });
      await page.goto(servers[shot.languages ? 'languages' : 'english'] + shot.path, { waitUntil: 'networkidle' });
      await shot.ready?.(page);
      const file = join(root, 'docs', `screenshot-${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`${file.slice(root.length + 1)}: ${shot.path} at ${shot.width}×${shot.height}`);
      await page.close();
    }
  } finally {
    await browser.close();
    for (const server of listening) server.close();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
