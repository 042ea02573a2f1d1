import { join, resolve } from 'node:path';
import { buildArchive, type RenderedArticle } from '../archive/build-archive.ts';
import type { Archive } from '../archive/archive.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { checkArticle, type CheckedArticle } from '../content/validate-article.ts';
import { renderArticleBody } from '../markdown/render-markdown.ts';
import { runEleventy } from '../outputs/eleventy/run-eleventy.ts';
import { writeOutputs } from '../outputs/write-outputs.ts';
import { renderMaps } from '../outputs/maps/render-maps.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';
import { countMessages, sortMessages, type Message } from '../report/message.ts';
import { readProject } from './read-project.ts';
import { writeSiteAtomically } from './write-site-atomically.ts';

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
}

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Builds the site: read → check → render Markdown → archive model → Eleventy pages, written
 * atomically. Any error in any file stops the build before anything is written, and every
 * problem of every file is reported together.
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, f: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await f();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
  const root = resolve(options.root);
  const project = await time('read', () => readProject(root, options.overrides));
  const { config } = project;
  const messages = [...project.messages];

  const { gazetteer, messages: placeMessages } = await time('places', () => loadGazetteer(project.places));
  messages.push(...placeMessages);

  const checked = await time('check', () => {
    const out: CheckedArticle[] = [];
    for (const file of project.articles) {
      const result = checkArticle(file, { gazetteer, timezone: config.timezone, lang: config.lang });
      messages.push(...result.messages);
      if (result.article) out.push(result.article);
    }
    return out;
  });

  const rendered = await time('markdown', () => checked.map((a): RenderedArticle => ({ ...a, ...renderArticleBody(a.body) })));
  const { archive, messages: archiveMessages } = await time('archive', () => buildArchive(rendered, gazetteer, config));
  messages.push(...archiveMessages);

  const sorted = sortMessages(messages);
  const report: BuildReport = { ok: countMessages(sorted).errors === 0, messages: sorted, articles: archive.articles.length, pages: 0, files: 0, archive, timings };
  if (!report.ok || options.dryRun) return report;

  const output = resolve(root, config.output);
  const templates = options.templates ?? join(PACKAGE_ROOT, 'templates');
  const publicDir = options.publicDir ?? join(PACKAGE_ROOT, 'public');
  const maps = await time('maps', () => renderMaps(archive));
  await time('pages', () =>
    writeSiteAtomically(output, [root, join(root, config.content), templates, publicDir], async (dir) => {
      report.pages = await runEleventy(archive, { templates, publicDir, output: dir, portableLinks: config.links === 'portable', baseUrl: config.url, maps });
      report.files = report.pages + (await writeOutputs(archive, dir));
    }),
  );
  report.output = output;
  return report;
}
