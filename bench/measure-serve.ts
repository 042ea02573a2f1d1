/// <reference lib="dom" />
/**
 * The preview figures of the benchmark (issue 15): `dateline serve` on a built project, read in
 * Chromium as a writer reads it.
 *
 * Starts `dateline serve --port 0` on the project as the edit scenarios left it (a warm cache and
 * a built site) and times its start until a first page is answered. Opens the edited article's
 * page in Chromium, then `edits` times appends a sentence to the article file and times the save
 * until the open page shows it (polling the page's text), waiting for the build to end before the
 * next save; the serve process's memory (RSS, the Node process itself) is read after half of them
 * and after all. Then opens the article's day page and the home page, changes its title, and
 * times the save until both show the new one.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from './first-query.ts';

export interface ServeFigures {
  /** Seconds from starting `dateline serve` to its first page answered. */
  start: number;
  /** Seconds from each body save to the open page showing it. */
  bodyEdits: number[];
  /** Seconds from the title save to the day page and the home page both showing it. */
  title: number;
  /** Bytes of the serve process's RSS after half of the body edits and after all of them. */
  memoryHalf: number;
  memoryEnd: number;
}

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Polls until the page's text has `text` (through reloads); seconds from `since`. */
async function shown(pages: Page[], text: string, since: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    const seen = await Promise.all(
      pages.map((p) => p.evaluate((t) => document.body?.textContent.includes(t) ?? false, text).catch(() => false)),
    );
    if (seen.every(Boolean)) return (performance.now() - since) / 1000;
    if (performance.now() - since > timeoutMs) throw new Error(`"${text}" not on screen after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `path`s are URL paths of the site (`/2021/08/22/x/`). */
export async function measureServe(options: {
  command: string;
  project: string;
  editSource: string;
  articlePath: string;
  dayPath: string;
  edits: number;
}): Promise<ServeFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, [options.command, 'serve', '--root', options.project, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /Serving (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!.replace(/\/$/, ''));
        if (m) clearInterval(timer);
      }, 5);
      child.once('exit', (code) => reject(new Error(`dateline serve exited (${code}): ${out.slice(-500)}`)));
    });
    await (await fetch(url + options.articlePath)).text();
    const start = (performance.now() - started) / 1000;
    const idle = async () => {
      for (;;) {
        const status = (await (await fetch(`${url}/__dateline/status`)).json()) as { state: string; text?: string };
        if (status.state === 'failed') throw new Error(`a save did not build: ${status.text}`);
        if (status.state === 'ok') return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const context = await browser.newContext();
    const article = await context.newPage();
    await article.goto(url + options.articlePath);
    const bodyEdits: number[] = [];
    let memoryHalf = 0;
    for (let i = 1; i <= options.edits; i++) {
      const sentence = `Serve benchmark edit ${i}, ${process.pid}: the ferry ran again.`;
      const saved = performance.now();
      await appendFile(options.editSource, `\n${sentence}\n`);
      bodyEdits.push(await shown([article], sentence, saved));
      await idle();
      if (i === Math.floor(options.edits / 2)) memoryHalf = rss(child.pid!);
    }
    const memoryEnd = rss(child.pid!);
    const day = await context.newPage();
    await day.goto(url + options.dayPath);
    const home = await context.newPage();
    await home.goto(`${url}/`);
    const title = `Serve benchmark title ${process.pid}`;
    const saved = performance.now();
    await writeFile(options.editSource, (await readFile(options.editSource, 'utf8')).replace(/^title: .*$/m, `title: ${title}`));
    const titleSeconds = await shown([day, home], title, saved);
    await idle();
    return { start, bodyEdits, title: titleSeconds, memoryHalf, memoryEnd };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
