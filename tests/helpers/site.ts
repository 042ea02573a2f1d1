import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as textOf } from 'hast-util-to-string';
import { beforeAll, inject } from 'vitest';
import { type SiteConfig, siteConfigSchema } from '../../src/config/site-config.ts';
import { type FileWriter, fileWriter } from '../../src/outputs/file-writer.ts';
import { buildModel } from '../../src/pipeline/build-model.ts';
import { readProject } from '../../src/pipeline/read-project.ts';
import { type BuildReport, runBuild } from '../../src/pipeline/run-build.ts';

export const repoRoot = join(import.meta.dirname, '../..');
export const fixture = (name: string) => join(repoRoot, 'tests/fixtures/sites', name);

const temps: string[] = [];
/** A fresh temporary folder, removed by `removeTemps`. */
export async function makeTemp(prefix = 'dateline-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export async function removeTemps(): Promise<void> {
  // Retried: a build's background process (removing a replaced site, linking a spare one) may still be writing there.
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 })));
}

/** Copies a fixture site into a temp folder (so tests may add files to it). */
/** Runs `f` with a file writer of its own; every file it handed over is written when this resolves. */
export async function withFileWriter<T>(f: (writer: FileWriter) => Promise<T>): Promise<T> {
  const writer = fileWriter();
  try {
    const result = await f(writer);
    await writer.flush();
    return result;
  } finally {
    await writer.close();
  }
}

export async function copyFixture(name: string): Promise<string> {
  const dir = await makeTemp();
  await cp(fixture(name), dir, { recursive: true });
  return dir;
}

export interface BuiltSite {
  report: BuildReport;
  out: string;
  /** The page at a site URL (`/2021/08/22/x/`), parsed. */
  page(url: string): Promise<Page>;
  /** Every file of the site, relative, sorted. */
  files(): Promise<string[]>;
}

export interface Page {
  tree: Root;
  html: string;
  one(selector: string): Element;
  all(selector: string): Element[];
  text(selector: string): string;
}

/** Config overrides for a test build; `search` keys left out keep their defaults. */
export type TestConfig = Omit<Partial<SiteConfig>, 'search'> & { search?: Partial<SiteConfig['search']> };

/** Builds a project folder into a temp output folder through the real build. */
export async function buildSite(root: string, { search, ...overrides }: TestConfig = {}): Promise<BuiltSite> {
  const out = join(await makeTemp(), 'site');
  const searchConfig = search && siteConfigSchema.shape.search.parse(search);
  const report = await runBuild({ root, overrides: { output: out, ...overrides, ...(searchConfig && { search: searchConfig }) } });
  return siteAt(out, report);
}

function siteAt(out: string, report: BuildReport): BuiltSite {
  return {
    report,
    out,
    page: (url) => readPage(join(out, url.replace(/^\//, ''), url.endsWith('/') ? 'index.html' : '')),
    files: () => listFiles(out),
  };
}

/** A build report without its model and bodies (a report file between processes holds neither). */
export type SharedReport = Omit<BuildReport, 'archive' | 'bodies'>;

/** Written in the shared folder when the process building the shared sites ends. */
export const BUILDER_EXIT = 'builder.exit';

/**
 * The sites built once per run beside the tests (tests/setup/build-shared-sites.ts): each one's
 * project (`root`: the repository, or a generated corpus in the shared
 * folder), its output folder in the shared folder, and its search settings.
 */
export const SHARED_SITES = {
  example: { root: undefined, out: 'example', search: undefined },
  synthetic: { root: 'corpus', out: 'corpus/_site', search: undefined },
  // The 40 generated articles (seed 7) of the search tests: one index, split into bundles of 10,
  // and split with every large choice closed.
  corpus40: { root: 'corpus40', out: 'corpus40/_site', search: undefined },
  split40: { root: 'corpus40', out: 'corpus40/split', search: { enabled: true, split_above: 10 } },
  closed40: { root: 'corpus40', out: 'corpus40/closed', search: { split_above: 10, facets_collapsed_above: 0 } },
  // The example archive (without the Andarab report's translations) with a busy day and listings
  // of at most 2 reports (tests/fixtures/sites/busy-day).
  sliced: { root: 'sliced', out: 'sliced/_site', search: undefined },
  // The example archive with its interface in Dari and in Pashto (`lang: fa`, `lang: ps`).
  dari: { root: undefined, out: 'example-fa', search: undefined, lang: 'fa' },
  pashto: { root: undefined, out: 'example-ps', search: undefined, lang: 'ps' },
  // The example archive as one site in three languages: English at the root, Dari under /fa/, Pashto under /ps/.
  languages: { root: undefined, out: 'example-languages', search: undefined, languages: ['en', 'fa', 'ps'] },
} as const;
export type SharedSiteName = keyof typeof SHARED_SITES;

/** The config a shared site is built with (search settings left out keep their defaults), and its language or languages. */
export const sharedSiteOverrides = (name: SharedSiteName): Partial<SiteConfig> => {
  const site: { search?: object; lang?: string; languages?: readonly string[] } = SHARED_SITES[name];
  return {
    ...(site.search && { search: siteConfigSchema.shape.search.parse(site.search) }),
    ...(site.lang && { lang: site.lang }),
    ...(site.languages && { languages: [...site.languages] }),
  };
};

/**
 * A site built once for the whole run beside the tests (see SHARED_SITES). Waits until it is
 * built. Read it; never write to it.
 */
export async function sharedSite(name: SharedSiteName): Promise<{ root: string; out: string; report: SharedReport }> {
  const dir = inject('sharedSites');
  const { root, out } = SHARED_SITES[name];
  const end = Date.now() + 600_000;
  const text = (file: string) => readFile(join(dir, file), 'utf8').catch(() => undefined);
  for (;;) {
    // Whether the builder had ended, read before its reports: it writes them before it ends.
    const exit = await text(BUILDER_EXIT);
    const report = await text(`${name}.report.json`);
    if (report !== undefined)
      return { root: root ? join(dir, root) : repoRoot, out: join(dir, out), report: JSON.parse(report) as SharedReport };
    const failed = await text(`${name}.failed`);
    if (failed !== undefined) throw new Error(`The shared ${name} site could not be built:\n${failed}`);
    if (exit !== undefined)
      throw new Error(`The process building the shared sites ended (${exit.trim()}) without building ${name}: see its messages above.`);
    if (Date.now() > end) throw new Error(`The shared ${name} site was not built within ten minutes.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The output folder of a shared site (see sharedSite), once it is built. */
export const sharedOut = async (name: SharedSiteName): Promise<string> => (await sharedSite(name)).out;

/**
 * Waits for a shared site in a setup hook of the calling file, so that the wait counts against
 * the hook's time, not a test's; returns a function that gives its output folder in the tests.
 */
export function sharedOutInSetup(name: SharedSiteName): () => string {
  let out: string | undefined;
  beforeAll(async () => {
    out = await sharedOut(name);
  });
  return () => {
    if (out === undefined) throw new Error(`The shared ${name} site is read before its setup hook ran.`);
    return out;
  };
}

/**
 * A shared site with its model (see sharedSite). The model is made again here by the build's own
 * model stage, from the same project and settings, without writing a page.
 */
export async function sharedBuiltSite(name: SharedSiteName): Promise<BuiltSite> {
  const { root, out, report } = await sharedSite(name);
  const { archive, bodies } = await buildModel(await readProject(root, sharedSiteOverrides(name)), { render: true });
  return siteAt(out, { ...report, archive, bodies });
}

/** The shared example archive, with its model (see sharedBuiltSite). */
export const exampleSite = (): Promise<BuiltSite> => sharedBuiltSite('example');

export async function readPage(path: string): Promise<Page> {
  const html = await readFile(path, 'utf8');
  const tree = fromHtml(html);
  const one = (selector: string): Element => {
    const found = select(selector, tree);
    if (!found) throw new Error(`No element matches ${selector} in ${path}`);
    return found;
  };
  return {
    tree,
    html,
    one,
    all: (selector) => selectAll(selector, tree),
    text: (selector) => textOf(one(selector)).replace(/\s+/g, ' ').trim(),
  };
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}
