/// <reference lib="dom" />
/**
 * The search figure of the benchmark: what a reader's browser downloads for a first query.
 *
 * Serves a built site on 127.0.0.1 with sirv (as tests/helpers/serve.ts does; sirv never
 * compresses on the fly, so bytes are as stored), opens `/search/?q=<query>` in a fresh Debian
 * Chromium profile (playwright-core, no browser download) and adds up every response from the
 * navigation until the results are on screen (`#search-status` filled, `#search-results` no longer
 * `aria-busy`) and the network has been idle for 500 ms: body and header bytes as Chromium
 * counts them. It also estimates the transfer from a host that gzips text (HTML, CSS, JS, JSON):
 * Pagefind's own index and wasm files (`.pf_*`, `.pagefind`) are gzip already and count as stored.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
// The tests' static server: sirv on 127.0.0.1, no compression, as a plain static host.
import { serveFolder } from '../tests/helpers/serve.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface FirstQuery {
  query: string;
  /** Responses counted. */
  requests: number;
  /** Body + header bytes of every response, as served (no compression). */
  bytes: number;
  /** The same, of responses under /pagefind/ and the merged bundles (/pagefind-1/ …) only. */
  pagefindBytes: number;
  /** Estimated bytes from a host that gzips text (Pagefind's index files are gzip already). */
  gzipBytes: number;
  /** Milliseconds from navigation to results on screen. */
  ms: number;
  /** Results listed and the status line shown. */
  results: number;
  status: string;
}

export const chromiumInstalled = () => existsSync(CHROMIUM);

/** Files Pagefind already stores gzip-compressed. */
const precompressed = (path: string) => /\.pf_\w+$|\.pagefind$/.test(path);

export async function measureFirstQuery(siteDir: string, query: string): Promise<FirstQuery> {
  const server = await serveFolder(siteDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const counted: Promise<{ path: string; bytes: number; gzip: number }>[] = [];
    page.on('requestfinished', (request) => {
      counted.push(
        (async () => {
          const path = new URL(request.url()).pathname;
          const sizes = await request.sizes();
          const body = await (await request.response())?.body().catch(() => undefined);
          const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
          const gzip = body && !precompressed(path) ? gzipSync(body).length + sizes.responseHeadersSize : bytes;
          return { path, bytes, gzip };
        })(),
      );
    });
    const start = performance.now();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(
      () => {
        const status = document.getElementById('search-status');
        const results = document.getElementById('search-results');
        return Boolean(status?.textContent?.trim()) && results !== null && !results.hasAttribute('aria-busy');
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const ms = Math.round(performance.now() - start);
    await page.waitForLoadState('networkidle');
    const shown = await page.evaluate(() => ({
      results: document.querySelectorAll('.search-result').length,
      status: document.getElementById('search-status')?.textContent?.trim() ?? '',
    }));
    const responses = await Promise.all(counted);
    await context.close();
    const sum = (list: { bytes: number }[]) => list.reduce((n, r) => n + r.bytes, 0);
    return {
      query,
      requests: responses.length,
      bytes: sum(responses),
      pagefindBytes: sum(responses.filter((r) => /^\/pagefind[^/]*\//.test(r.path))),
      gzipBytes: responses.reduce((n, r) => n + r.gzip, 0),
      ms,
      ...shown,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
