import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import sirv from 'sirv';
import { PACKAGE_ROOT } from '../package-root.ts';

/** The preview server's own URLs, out of the way of any site URL. */
export const EVENTS_URL = '/__dateline/events';
const CLIENT_URL = '/__dateline/reload.js';
const STATUS_URL = '/__dateline/status';
const CLIENT_TAG = `<script src="${CLIENT_URL}"></script>`;

export type BuildState = { state: 'building' } | { state: 'ok'; builtAt: number } | { state: 'failed'; text: string };

export interface DevServer {
  url: string;
  /** The port asked for, when it was in use and the server listens on a later one instead. */
  busyPort?: number;
  /**
   * Tells open pages what happened: reload after a good build (but the pages at `fresh`, which
   * already show what it wrote), an overlay after a failed one.
   */
  publish(state: BuildState, fresh?: ReadonlySet<string>): void;
  /**
   * Serves a page from memory, ahead of the build that will write it (SavePreview), and reloads
   * the open copies of it at once; returns the preview's number, for `settle`.
   */
  preview(url: string, html: string): number;
  /**
   * After a build that started once preview `upTo` was made: forgets that preview and those
   * before it (the site on disk has them now, or the build failed), and returns the URLs of those
   * the site now holds byte for byte (their pages need no second reload).
   */
  settle(upTo: number): Promise<Set<string>>;
  /** The URLs of the pages open in a browser now. */
  openPages(): Set<string>;
  close(): Promise<void>;
}

/** Ports tried, from the one asked for up, before `serve` gives up on a busy port. */
const PORTS_TRIED = 10;

/**
 * Serves the site folder as it is on disk (the build swaps it whole, so a request sees the old
 * site or the new one), adding a reload script to HTML pages and a Server-Sent Events stream.
 * `initial` is the state of the builds so far (a page opened after a failed one shows its overlay).
 * A port in use is passed over for the next free one of PORTS_TRIED (`busyPort` says so).
 */
export async function startDevServer(siteDir: string, host: string, port: number, initial: BuildState): Promise<DevServer> {
  const files = sirv(siteDir, { dev: true, etag: false });
  // Each open page's event stream, with the page's URL path (as its script sends it).
  const clients = new Map<ServerResponse, string>();
  const previews = new Map<string, { html: string; number: number }>();
  let previewCount = 0;
  let current: BuildState = initial;
  // A browser script, served as it is: read from the sources, also when Dateline runs from dist/.
  const client = await readFile(join(PACKAGE_ROOT, 'src/serve/reload-client.js'), 'utf8');

  const send = (res: ServerResponse, state: BuildState) => {
    // The search page says that its index may not have the last save yet.
    if (state.state === 'building') res.write('event: building\ndata: \n\n');
    if (state.state === 'ok') res.write(`event: reload\ndata: ${state.builtAt}\n\n`);
    if (state.state === 'failed') res.write(`event: failed\ndata: ${JSON.stringify({ text: state.text })}\n\n`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A request never takes the server down: a file swapped away mid-read, a header refused…
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Internal error: ${(error as Error).message}`);
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Bad request: the address is not valid percent-encoding.');
    }
    // `path` starts with `/`, so normalising it cannot climb above the site folder:
    // `/../../etc/passwd` is `/etc/passwd`, looked up inside the site.
    if (path === EVENTS_URL) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      // A page opened while the last save is broken shows the overlay at once, one opened
      // during a build knows of it.
      if (current.state !== 'ok') send(res, current);
      // The page's location.pathname, percent-encoded as the browser has it.
      const page = new URL(req.url ?? '/', 'http://localhost').searchParams.get('page') ?? '';
      clients.set(res, pageUrl(decodeOr(page)));
      req.on('close', () => clients.delete(res));
      return;
    }
    if (path === CLIENT_URL) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(client);
    }
    if (path === STATUS_URL) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(current));
    }
    // `/2021/08` is the folder `/2021/08/`: redirect, so the page's relative links resolve.
    // The target is built from the normalised path and encoded: never a header injection, and
    // never another host (`//evil.example/…` is collapsed to one slash).
    const folder = normalize(path).replace(/[/\\]+/g, '/');
    if (
      !folder.endsWith('/') &&
      !/\.[A-Za-z0-9]+$/.test(folder) &&
      (await stat(join(siteDir, folder, 'index.html')).catch(() => undefined))
    ) {
      res.writeHead(301, { location: encodeURI(`${folder}/`) });
      return res.end();
    }
    const previewed = previews.get(pageUrl(path));
    const page = previewed?.html ?? (await htmlFile(siteDir, path));
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(page.includes('</body>') ? page.replace('</body>', `${CLIENT_TAG}</body>`) : page + CLIENT_TAG);
    }
    files(req, res, async () => {
      const notFound = await readFile(join(siteDir, '404.html'), 'utf8').catch(() => 'Not found');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound.replace('</body>', `${CLIENT_TAG}</body>`));
    });
  }
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  // A port in use (another server, an earlier `dateline serve`): the next free one of a few.
  for (let on = port; ; on++) {
    try {
      await listen(on);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
      if (on - port + 1 >= PORTS_TRIED || on >= 65_535) {
        throw new Error(
          `Port ${port} is in use, and so are the next ${on - port}: stop the server using it, or choose a port with --port N.`,
          { cause: error },
        );
      }
    }
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    ...(address.port !== port && port !== 0 && { busyPort: port }),
    publish(state, fresh) {
      current = state;
      for (const [res, url] of clients) if (state.state !== 'ok' || !fresh?.has(url)) send(res, state);
    },
    preview(url, html) {
      const number = ++previewCount;
      previews.set(url, { html, number });
      // `data: preview`: not a build's time (the page is ahead of the build).
      for (const [res, page] of clients) if (page === url) res.write('event: reload\ndata: preview\n\n');
      return number;
    },
    async settle(upTo) {
      const fresh = new Set<string>();
      for (const [url, { html, number }] of previews) {
        if (number > upTo) continue;
        previews.delete(url);
        if ((await htmlFile(siteDir, url)) === html) fresh.add(url);
      }
      return fresh;
    },
    openPages: () => new Set(clients.values()),
    close: () =>
      new Promise((resolve) => {
        for (const res of clients.keys()) res.end();
        server.close(() => resolve());
      }),
  };
}

function decodeOr(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A page's URL from a path that names it: `/x/` for `/x/`, `/x/index.html` and `/x`. */
function pageUrl(path: string): string {
  const url = path.replace(/index\.html$/, '');
  return url.endsWith('/') ? url : `${url}/`;
}

/** The HTML file a path names (`/x/` → `/x/index.html`), read now; undefined if it is not one. */
async function htmlFile(siteDir: string, path: string): Promise<string | undefined> {
  const rel = normalize(path).replace(/^([/\\])+/, '');
  if (rel.startsWith('..')) return undefined;
  const candidates = path.endsWith('/') ? [join(rel, 'index.html')] : rel.endsWith('.html') ? [rel] : [];
  for (const candidate of candidates) {
    const file = join(siteDir, candidate);
    if ((await stat(file).catch(() => undefined))?.isFile()) return readFile(file, 'utf8');
  }
  return undefined;
}
