import { join } from 'node:path';
import { buildArchive, type RenderedArticle } from '../archive/build-archive.ts';
import type { Archive } from '../archive/archive.ts';
import { checkArticle, type CheckedArticle } from '../content/validate-article.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';
import type { Message } from '../report/message.ts';
import type { ProjectFiles } from './read-project.ts';
import { renderBodies, type RenderStats } from './render-bodies.ts';
import type { ProgressEvent } from './run-build.ts';

/** Runs a stage, reporting its start and end and recording its time. */
export type Timer = <T>(stage: string, f: () => T | Promise<T>) => Promise<T>;

export interface ModelOptions {
  /** Render the bodies of what the site publishes (a check renders none). */
  render: boolean;
  cacheDir?: string;
  time?: Timer;
  progress?: (event: ProgressEvent) => void;
}

/**
 * From a read project to the archive model: places, check, Markdown, model; writes nothing.
 * What a build does before its outputs, and what the tests call to get a project's model.
 */
export async function buildModel(project: ProjectFiles, options: ModelOptions): Promise<{ archive: Archive; messages: Message[]; markdown: RenderStats }> {
  const { config } = project;
  const time: Timer = options.time ?? (async (_stage, f) => f());
  const progress = options.progress ?? (() => {});
  const messages: Message[] = [];
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

  // A check needs no HTML; a build renders only what it publishes.
  const toRender = options.render ? checked.filter((a) => a.status !== 'draft' || config.drafts) : [];
  const { results: bodies, stats } = await time('markdown', () =>
    renderBodies(
      toRender.map((a) => a.body),
      { cacheDir: options.cacheDir && join(options.cacheDir, 'markdown'), onProgress: (done, total) => progress({ stage: 'markdown', state: 'advance', done, total }) },
    ),
  );
  const renderedBy = new Map(toRender.map((a, i) => [a, bodies[i]!]));
  const rendered = checked.map((a): RenderedArticle => ({ ...a, ...(renderedBy.get(a) ?? { html: '', firstParagraph: '' }) }));
  const { archive, messages: archiveMessages } = await time('archive', () => buildArchive(rendered, gazetteer, config));
  messages.push(...archiveMessages);
  return { archive, messages, markdown: stats };
}

