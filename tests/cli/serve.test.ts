import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { poll, startServe, stopServers } from '../helpers/serve-process.ts';
import { removeTemps } from '../helpers/site.ts';

afterAll(async () => {
  stopServers();
  await removeTemps();
});

const ARTICLE = 'content/2021/08/andarab-resistance.md';
const PAGE = '2021/08/22/andarab-resistance/';

describe('dateline serve', () => {
  it('serves on 127.0.0.1, rebuilds on save, and keeps the last good site while a save is broken', async () => {
    const { root, url, output } = await startServe();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const first = await (await fetch(url + PAGE)).text();
    expect(first).toContain('Resistance holds three Andarab districts');
    // Pages get the reload script; the built files on disk do not.
    expect(first).toContain('<script src="/__dateline/reload.js"></script></body>');
    expect(await readFile(join(root, '_site', PAGE, 'index.html'), 'utf8')).not.toContain('__dateline');

    // A save: the new text is served, announced to open pages as a reload.
    const events = await fetch(`${url}__dateline/events`);
    const reader = events.body!.getReader();
    const file = join(root, ARTICLE);
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\nA paragraph saved while the server ran.\n`);
    await poll(
      async () => ((await (await fetch(url + PAGE)).text()).includes('A paragraph saved while the server ran.') ? true : undefined),
      'the edited text',
    );
    let stream = '';
    await poll(async () => {
      stream += new TextDecoder().decode((await reader.read()).value);
      return stream.includes('event: reload') ? true : undefined;
    }, 'a reload event');
    await reader.cancel();

    // A broken save: the error is reported (terminal and status), the last good page stays.
    const open = await eventsOf(url, `/${PAGE}`);
    await writeFile(file, original.replace('date: 2021-08-22', 'date: 2021-08-32'));
    await poll(async () => (output().includes('the build failed') ? true : undefined), 'the failed build');
    const status = await poll(async () => {
      const s = (await (await fetch(`${url}__dateline/status`)).json()) as { state: string; text?: string };
      return s.state === 'failed' ? s : undefined;
    }, 'the failed state');
    // Shown over the open page twice: at once, from the saved file's check, and by the build.
    await poll(async () => (open.events.filter((e) => e.name === 'failed').length >= 2 ? true : undefined), 'two failed events');
    const [atOnce, byBuild] = open.events.filter((e) => e.name === 'failed');
    expect(JSON.parse(atOnce!.data!).text).toMatch(/andarab-resistance\.md:\d+:\d+: error .*\[invalid-date\]/);
    expect(JSON.parse(byBuild!.data!).text).toBe(status.text);
    await open.stop();
    expect(status.text).toMatch(/content\/2021\/08\/andarab-resistance\.md:\d+:\d+: error .*2021-08-32.*\[invalid-date\]/);
    expect(output()).toMatch(/the build failed; still serving the last good site/);
    expect(await (await fetch(url + PAGE)).text()).toContain('A paragraph saved while the server ran.');

    // Fixed again: back to a good build.
    await writeFile(file, original);
    await poll(async () => ((await (await fetch(`${url}__dateline/status`)).json()).state === 'ok' ? true : undefined), 'a good build');
    expect(await (await fetch(url + PAGE)).text()).not.toContain('A paragraph saved while the server ran.');
  });
});

/** Events of one page's stream (`page`: its path), with when each arrived. */
async function eventsOf(
  url: string,
  page: string,
): Promise<{ events: { name: string; data?: string; at: number }[]; stop: () => Promise<void> }> {
  const response = await fetch(`${url}__dateline/events?page=${encodeURIComponent(page)}`);
  const reader = response.body!.getReader();
  const events: { name: string; data?: string; at: number }[] = [];
  let text = '';
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += new TextDecoder().decode(value);
      for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
        const event = text.slice(0, end);
        const name = /^event: (.*)$/m.exec(event)?.[1];
        if (name) events.push({ name, data: /^data: (.*)$/m.exec(event)?.[1], at: performance.now() });
        text = text.slice(end + 2);
      }
    }
  })();
  return {
    events,
    stop: () => {
      stopped = true;
      return reader.cancel();
    },
  };
}

describe('dateline serve, on a save of a body', () => {
  it('shows the page at once, before the build ends, and does not reload it again after', async () => {
    const { root, url } = await startServe();
    const article = await eventsOf(url, `/${PAGE}`);
    // The home page does not print the body: it reloads only when the build has ended.
    const home = await eventsOf(url, '/');
    const file = join(root, ARTICLE);
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\nA paragraph the preview shows.\n`);
    await poll(async () => (home.events.some((e) => e.name === 'reload') ? true : undefined), 'the reload after the build');
    // Any second reload of the article page would have come with the home page's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reloads = article.events.filter((e) => e.name === 'reload');
    expect(reloads.map((e) => e.data)).toEqual(['preview']);
    expect(reloads[0]!.at).toBeLessThan(home.events.find((e) => e.name === 'reload')!.at);
    // The page served now is the built one, the same bytes as the preview was.
    const page = await (await fetch(url + PAGE)).text();
    expect(page).toContain('A paragraph the preview shows.');
    expect(page).toBe(
      (await readFile(join(root, '_site', PAGE, 'index.html'), 'utf8')).replace(
        '</body>',
        '<script src="/__dateline/reload.js"></script></body>',
      ),
    );
    await article.stop();
    await home.stop();
  });
});

describe('dateline serve, on a save of a title', () => {
  it('shows the article and the open pages that list it at once, and reloads none of them again after the build', async () => {
    const { root, url } = await startServe();
    const day = '/2021/08/22/';
    // Open: the article, pages that list it, and a page that does not.
    const open = await Promise.all([`/${PAGE}`, day, '/', '/2021/08/14/'].map((page) => eventsOf(url, page)));
    const [article, dayPage, home, other] = open;
    const file = join(root, ARTICLE);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: Resistance holds the Andarab valley'));
    await poll(async () => (other!.events.some((e) => e.name === 'reload') ? true : undefined), 'the reload after the build');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const built = other!.events.find((e) => e.name === 'reload')!;
    for (const [page, events] of [
      [PAGE, article],
      [day, dayPage],
      ['/', home],
    ] as const) {
      const reloads = events!.events.filter((e) => e.name === 'reload');
      // Reloaded once, before the build ended: the preview was the bytes the build wrote.
      expect(
        reloads.map((e) => e.data),
        page,
      ).toEqual(['preview']);
      expect(reloads[0]!.at).toBeLessThan(built.at);
      const served = await (await fetch(url + page.replace(/^\//, ''))).text();
      expect(served).toContain('Resistance holds the Andarab valley');
    }
    expect(other!.events.filter((e) => e.name === 'reload').map((e) => e.data)).not.toContain('preview');
    for (const o of open) await o.stop();
  });
});

describe('dateline serve, asked for odd addresses', () => {
  it('answers malformed and escaping paths with an error, and keeps serving', async () => {
    const { url } = await startServe();
    expect((await fetch(`${url}%E0%A4%A`)).status).toBe(400);
    const escaping = await fetch(`${url}..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(escaping.status).toBe(404);
    expect(await escaping.text()).not.toContain('root:');
    expect((await fetch(`${url}no-such-page/`)).status).toBe(404);
    // A redirect never carries a header break, nor leads to another host.
    const injected = await fetch(`${url}2021/%0d%0a%2f..`, { redirect: 'manual' });
    expect([301, 404]).toContain(injected.status);
    const offsite = await fetch(`${url}%2F%2Fevil.example%2F..%2F2021`, { redirect: 'manual' });
    expect(offsite.headers.get('location') ?? '').not.toMatch(/evil|^\/\//);
    expect((await fetch(url)).status).toBe(200);
  });

  it('serves on the next free port when the one asked for is in use, and says so', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as AddressInfo).port;
    try {
      const { url, output } = await startServe({ port: busy });
      expect(output()).toContain(`Port ${busy} is in use (another server?): serving on the next free one.`);
      expect(Number(new URL(url).port)).toBeGreaterThan(busy);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
