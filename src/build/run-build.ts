import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Archive } from '../archive/archive.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { countMessages, sortMessages, type Message } from '../report/message.ts';
import { buildFingerprint, readLastBuild, writeLastBuild } from './build-fingerprint.ts';
import type { Timer } from './build-model.ts';
import { readProject } from './read-project.ts';
import type { RenderStats } from './render-bodies.ts';
import { SITE_MARKER, writeSiteAtomically } from './write-site-atomically.ts';

export interface BuildOptions {
  /** Project root: holds dateline.yaml, content/, templates/, public/. */
  root: string;
  /** Config values that win over dateline.yaml (from the command line). */
  overrides?: Partial<SiteConfig>;
  /** Check only; write nothing. */
  dryRun?: boolean;
  /** Where templates/ and public/ are (defaults: the project's, else Dateline's own). */
  templates?: string;
  publicDir?: string;
  /**
   * Cache folder (the CLI uses `.dateline-cache` in the project): rendered article bodies by
   * content hash, and the last build's fingerprint so an unchanged project is not built again.
   * Safe to delete. None: build everything from scratch.
   */
  cacheDir?: string;
  /** Build even when nothing changed since the last build. */
  force?: boolean;
  /** Called as the build goes: a stage starts, advances (done of total) or ends. */
  progress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  stage: string;
  state: 'start' | 'advance' | 'end';
  done?: number;
  total?: number;
}

export interface BuildReport {
  ok: boolean;
  messages: Message[];
  articles: number;
  pages: number;
  /** Files written: pages, feeds, exports (not counting copied assets). */
  files: number;
  output?: string;
  archive?: Archive;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Nothing changed since the last build into the same folder: nothing was written. */
  upToDate?: boolean;
  /** How article bodies were rendered (cache hits, renders, worker threads). */
  markdown?: RenderStats;
}


/**
 * Builds the site: read → check → render Markdown → archive model → Eleventy pages, written
 * atomically. Any error in any file stops the build before anything is written, and every
 * problem of every file is reported together.
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const timings: Record<string, number> = {};
  const progress = options.progress ?? (() => {});
  const time: Timer = async (stage, f) => {
    progress({ stage, state: 'start' });
    const start = performance.now();
    try {
      const result = await f();
      progress({ stage, state: 'end' });
      return result;
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
  const root = resolve(options.root);
  const project = await time('read', () => readProject(root, options.overrides));
  const { config } = project;
  const output = resolve(root, config.output);
  const templates = options.templates ?? join(PACKAGE_ROOT, 'templates');
  const publicDir = options.publicDir ?? join(PACKAGE_ROOT, 'public');

  // Unchanged since the last build into this folder: say what that build said, write nothing.
  const lastBuildFile = options.cacheDir && join(options.cacheDir, 'last-build.json');
  // Written into every site's marker, cached or not, so cached and clean builds are the same bytes.
  const fingerprint = options.dryRun ? undefined : await buildFingerprint(project, [templates, publicDir]);
  // Only when reading found nothing to report (a symbolic link, a config error falling back to
  // defaults): those messages are not part of the fingerprint and must not be hidden.
  if (lastBuildFile && fingerprint && !options.force && project.messages.length === 0) {
    const last = await readLastBuild(lastBuildFile);
    const marker = await readFile(join(output, SITE_MARKER), 'utf8').catch(() => '');
    if (last?.fingerprint === fingerprint && last.output === output && marker.includes(fingerprint)) {
      return { ok: true, messages: last.messages, articles: last.articles, pages: last.pages, files: last.files, output, timings, upToDate: true };
    }
  }

  // The stages past this point load only when there is something to build: an unchanged
  // project is answered without loading the checker, Markdown, Eleventy or Pagefind.
  const { buildModel } = await import('./build-model.ts');
  const model = await buildModel(project, { render: !options.dryRun, cacheDir: options.cacheDir, time, progress });
  const { archive } = model;
  const messages = [...project.messages, ...model.messages];
  const stats = model.markdown;

  const sorted = sortMessages(messages);
  const report: BuildReport = { ok: countMessages(sorted).errors === 0, messages: sorted, articles: archive.articles.length, pages: 0, files: 0, archive, timings, markdown: stats };
  if (!report.ok || options.dryRun) return report;

  const [{ renderMaps }, { runEleventy }, { writeOutputs }] = await Promise.all([
    import('../outputs/maps/render-maps.ts'),
    import('../outputs/eleventy/run-eleventy.ts'),
    import('../outputs/write-outputs.ts'),
  ]);
  const maps = await time('maps', () => renderMaps(archive));
  // Articles, listings, indexes, and the home, search and 404 pages.
  const pageTotal = archive.articles.length + archive.listings.length + archive.indexes.length + 3;
  await writeSiteAtomically(
    output,
    [root, join(root, config.content), templates, publicDir],
    async (dir) => {
      const onPage = (done: number) => progress({ stage: 'pages', state: 'advance', done, total: pageTotal });
      report.pages = await time('pages', () => runEleventy(archive, { templates, publicDir, output: dir, portableLinks: config.links === 'portable', baseUrl: config.url, maps, onPage }));
      report.files = report.pages + (await writeOutputs(archive, dir, time));
    },
    fingerprint ? `fingerprint: ${fingerprint}\n` : '',
  );
  report.output = output;
  if (lastBuildFile && fingerprint) {
    await writeLastBuild(lastBuildFile, { fingerprint, output, messages: report.messages, articles: report.articles, pages: report.pages, files: report.files });
  }
  return report;
}
