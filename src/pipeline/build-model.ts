import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildArchive, type RenderedArticle } from '../archive/build-archive.ts';
import type { Archive } from '../archive/archive.ts';
import { sourceVersion } from './build-fingerprint.ts';
import { checkFiles } from './check-state.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';
import type { Message } from '../report/message.ts';
import type { ProjectFiles } from './read-project.ts';
import type { Bodies } from '../markdown/bodies.ts';
import { renderBodies, type RenderStats } from './render-bodies.ts';
import type { ProgressEvent } from './run-build.ts';

/** Article files taken unchanged from the last build's check, and checked now. */
export interface CheckStats {
  cached: number;
  checked: number;
}

/** Runs a stage, reporting its start and end and recording its time. */
export type Timer = <T>(stage: string, f: () => T | Promise<T>) => Promise<T>;

export interface ModelOptions {
  /** Render the bodies of what the site publishes (a check renders none). */
  render: boolean;
  cacheDir?: string;
  /** Read every cached render rather than trusting the cache's index (a `--force` build). */
  readAll?: boolean;
  time?: Timer;
  progress?: (event: ProgressEvent) => void;
}

/**
 * From a read project to the archive model: places, check, Markdown, model; writes nothing but
 * the cache. The rendered bodies stay out of the model, in `bodies`.
 * What a build does before its outputs, and what the tests call to get a project's model.
 */
export async function buildModel(
  project: ProjectFiles,
  options: ModelOptions,
): Promise<{ archive: Archive; bodies: Bodies; messages: Message[]; markdown: RenderStats; check: CheckStats }> {
  const { config } = project;
  const time: Timer = options.time ?? (async (_stage, f) => f());
  const progress = options.progress ?? (() => {});
  const messages: Message[] = [];
  const { gazetteer, messages: placeMessages } = await time('places', () => loadGazetteer(project.places));
  messages.push(...placeMessages);

  // A file whose bytes did not change is not checked again (under the same places, zone,
  // language and Dateline).
  const state = options.cacheDir
    ? {
        cacheDir: options.cacheDir,
        version: createHash('sha256')
          .update(await sourceVersion())
          .update(JSON.stringify([config.timezone, config.lang, project.places]))
          .digest('hex'),
      }
    : undefined;
  let checkStats = { cached: 0, checked: 0 };
  const checked = await time('check', async () => {
    const result = await checkFiles(project.articles, { gazetteer, timezone: config.timezone, lang: config.lang }, state);
    messages.push(...result.messages);
    checkStats = { cached: result.cached, checked: project.articles.length - result.cached };
    return result.articles;
  });

  // A check needs no HTML; a build renders only what it publishes.
  const toRender = options.render ? checked.filter((a) => a.status !== 'draft' || config.drafts) : [];
  const { keys, summaries, store, stats } = await time('markdown', () =>
    renderBodies(
      toRender.map((a) => a.body),
      {
        cacheDir: options.cacheDir && join(options.cacheDir, 'markdown'),
        readAll: options.readAll,
        onProgress: (done, total) => progress({ stage: 'markdown', state: 'advance', done, total }),
      },
    ),
  );
  // The model keeps of a body its key and first paragraph; outputs read the rest from `store`.
  const renderedBy = new Map(toRender.map((a, i) => [a, { ...summaries[i]!, bodyKey: keys[i]! }]));
  const rendered = checked.map((a): RenderedArticle => ({ ...a, ...(renderedBy.get(a) ?? { firstParagraph: '', bodyKey: '', textKey: '' }) }));
  const { archive, messages: archiveMessages } = await time('archive', () => buildArchive(rendered, gazetteer, config));
  messages.push(...archiveMessages);
  return { archive, bodies: store, messages, markdown: stats, check: checkStats };
}

