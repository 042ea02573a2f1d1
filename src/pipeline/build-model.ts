import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Archive, MediaInfo } from '../archive/archive.ts';
import { type ArchiveSteps, buildArchive, buildArticles, type RenderedArticle } from '../archive/build-archive.ts';
import { type Catalogues, loadCatalogues } from '../catalogues/catalogue.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { imagesOf, missingImages } from '../content/validate-article.ts';
import type { Bodies } from '../markdown/bodies.ts';
import type { Gazetteer } from '../places/gazetteer.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';
import { asDraftMessages, type Message } from '../report/message.ts';
import { type ArticleState, bodyOf, type CheckedFile, checkFiles, entryOf, writeArticleState } from './article-state.ts';
import { sourceVersion } from './build-fingerprint.ts';
import { bodyImagesOf, readMediaInfo } from './media.ts';
import type { ArticleFile, ProjectFiles } from './read-project.ts';
import { earlyRenders, type RenderPool, type RenderStats, renderBodies, startRenderPool, WORKER_THRESHOLD } from './render-bodies.ts';
import type { ProgressEvent } from './run-build.ts';

/** Article files taken unchanged from the last build's check, and checked now. */
export interface CheckStats {
  /** Files read (the rest known unchanged by their stamp). */
  read: number;
  cached: number;
  checked: number;
}

/** Runs a stage, reporting its start and end and recording its time. */
export type Timer = <T>(stage: string, f: () => T | Promise<T>) => Promise<T>;

export interface ModelOptions {
  /** Render the bodies of what the site publishes (a check renders none). */
  render: boolean;
  cacheDir?: string;
  /** The last build's article state (readArticleState), to take unchanged files' checks and renders from. */
  state?: ArticleState;
  /** The fingerprint of the build, kept in the article state it writes. */
  fingerprint?: string;
  /** Read every cached render rather than trusting the renders the article state knows of (a `--force` build). */
  readAll?: boolean;
  time?: Timer;
  progress?: (event: ProgressEvent) => void;
  /** The places, already loaded without a message (by prepareChanges), so as not to load them again. */
  gazetteer?: Gazetteer;
}

/** The articles of a project checked and rendered: what the archive model is built from. */
export interface PreparedArticles {
  rendered: RenderedArticle[];
  gazetteer: Gazetteer;
  /** The topics and authors files' entries. */
  catalogues: Catalogues;
  /** What is known of the image files, by file (readMediaInfo): those the articles use, and any unchanged since read. */
  media: Record<string, MediaInfo>;
  bodies: Bodies;
  messages: Message[];
  markdown: RenderStats;
  check: CheckStats;
  /** Every article file, checked, with its new state entry. */
  files: CheckedFile[];
  /** The version the checks and renders are for (ArticleState). */
  version: string;
  /**
   * The article state being written (prepareArticles), for the caller to await before it writes
   * anything that names this build: its files, about 130 ms at 1,000 articles, need not hold up the model.
   */
  stateWritten?: Promise<void>;
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
  const prepared = await prepareArticles(project, options);
  await prepared.stateWritten;
  const { archive, messages } = await modelOf(prepared, project.config, options.time);
  return {
    archive,
    bodies: prepared.bodies,
    messages: [...prepared.messages, ...messages],
    markdown: prepared.markdown,
    check: prepared.check,
  };
}

/** The archive model of prepared articles in two steps (buildArticles): the articles' part, then the rest. */
export function modelInSteps(prepared: PreparedArticles, config: SiteConfig): ArchiveSteps {
  return buildArticles(prepared.rendered, prepared.gazetteer, config, prepared.catalogues, prepared.media);
}

/** The archive model of prepared articles (the `archive` stage), and its messages. */
export function modelOf(
  prepared: PreparedArticles,
  config: SiteConfig,
  time: Timer = async (_stage, f) => f(),
): Promise<{ archive: Archive; messages: Message[] }> {
  return time('archive', () => buildArchive(prepared.rendered, prepared.gazetteer, config, prepared.catalogues, prepared.media));
}

/** Places, check and Markdown: the stages before the model; starts writing the article state (stateWritten). */
export async function prepareArticles(project: ProjectFiles, options: ModelOptions): Promise<PreparedArticles> {
  const time: Timer = options.time ?? (async (_stage, f) => f());
  const { gazetteer, messages } = options.gazetteer
    ? { gazetteer: options.gazetteer, messages: [] }
    : await time('places', () => loadGazetteer(project.places));
  const { catalogues, messages: catalogueMessages } = loadCatalogues(project);
  const version = await checkVersion(project);
  const prepared = await prepare(project, project.articles, { ...options, time }, gazetteer, catalogues, version);
  const entries = new Map(prepared.files.map((f) => [f.source.file, f.entry]));
  const stateWritten =
    options.cacheDir && options.render
      ? writeArticleState(options.cacheDir, { version, fingerprint: options.fingerprint }, project.articles, entries, options.state)
      : undefined;
  // Awaited by the caller; until then a failure is not an unhandled one.
  stateWritten?.catch(() => undefined);
  return { ...prepared, messages: [...messages, ...catalogueMessages, ...prepared.messages], stateWritten };
}

/**
 * The article files changed since the last build (`options.state`), checked and rendered, when
 * the project has the same files as then under the same version (else undefined): what a
 * body-only build starts from (bodyOnlyChanges). The other files are not looked at, and no
 * state is written (the caller writes it with the build's).
 */
export async function prepareChanges(project: ProjectFiles, options: ModelOptions): Promise<PreparedArticles | undefined> {
  const { state } = options;
  const version = await checkVersion(project);
  if (state?.version !== version || Object.keys(state.files).length !== project.articles.length) return undefined;
  if (!project.articles.every((a) => state.files[a.file] !== undefined)) return undefined;
  const changed = project.articles.filter((a) => state.files[a.file]![1] !== a.hash);
  const time: Timer = options.time ?? (async (_stage, f) => f());
  const { gazetteer, messages } = await time('places', () => loadGazetteer(project.places));
  const { catalogues, messages: catalogueMessages } = loadCatalogues(project);
  if (messages.length > 0 || catalogueMessages.length > 0) return undefined;
  const prepared = await prepare(project, changed, { ...options, time }, gazetteer, catalogues, version);
  // The others are the last build's, as known: counted as taken from its check and render.
  const unchanged = project.articles.length - changed.length;
  return {
    ...prepared,
    check: { ...prepared.check, cached: prepared.check.cached + unchanged },
    markdown: { ...prepared.markdown, cached: prepared.markdown.cached + unchanged },
  };
}

/** What the checks and renders of the article state are for: Dateline, the places, the catalogues, the site's zone and language. */
async function checkVersion(project: ProjectFiles): Promise<string> {
  const { config } = project;
  return createHash('sha256')
    .update(await sourceVersion())
    .update(JSON.stringify([config.timezone, config.lang, project.places, project.topics ?? null, project.authors ?? null]))
    .digest('hex');
}

/** Check and Markdown of `articles` (of `project`): a file whose bytes did not change is taken from the state. */
async function prepare(
  project: ProjectFiles,
  articles: readonly ArticleFile[],
  options: ModelOptions & { time: Timer },
  gazetteer: Gazetteer,
  catalogues: Catalogues,
  version: string,
): Promise<PreparedArticles> {
  const { config } = project;
  const { time } = options;
  const progress = options.progress ?? (() => {});
  const messages: Message[] = [];
  // A file whose bytes did not change is not checked again (under the same places, zone,
  // language and Dateline), nor its body rendered or read.
  const { read } = project;
  let checkStats = { read, cached: 0, checked: 0 };
  // Many bodies to render: the Markdown workers start now and render the bodies they can take
  // from the files while this thread checks them (a cold build of 10,000 articles, 5.7 s of check).
  const known = options.state?.version === version ? options.state : undefined;
  const unchecked = options.render ? articles.filter((a) => a.bytes && (!known || entryOf(known, a.file)?.hash !== a.hash)) : [];
  const markdownDir = options.cacheDir && join(options.cacheDir, 'markdown');
  const pool = unchecked.length >= WORKER_THRESHOLD ? startRenderPool(availableParallelism(), markdownDir) : undefined;
  try {
    if (pool) await earlyRenders(pool, unchecked, markdownDir);
    return await prepareWith(pool);
  } finally {
    await pool?.close();
  }

  async function prepareWith(pool: RenderPool | undefined): Promise<PreparedArticles> {
    const checked = await time('check', async () => {
      const context = { gazetteer, timezone: config.timezone, lang: config.lang, topics: catalogues.topics, content: project.content };
      const result = await checkInSteps(articles, context, options.state, version, pool !== undefined);
      // A draft's errors do not stop a build that does not publish it; nor does its missing image.
      const media = new Set(project.media.map((m) => m.file));
      for (const f of result.files) {
        const own = [...f.entry.messages, ...(f.article ? missingImages([f.article], media) : [])];
        messages.push(...(f.entry.draft && !config.drafts ? asDraftMessages(own) : own));
      }
      checkStats = { read, cached: result.cached, checked: articles.length - result.cached };
      return result.files;
    });

    // A check needs no HTML; a build renders only what it publishes.
    const toRender = options.render ? checked.filter((f) => f.article && (f.article.status !== 'draft' || config.drafts)) : [];
    // The images of what the site publishes (lead and body): their content hash (their name in the
    // site) and size, read once each, before the bodies that print them are rendered. A file that
    // is no image is an error where the article names it.
    const existing = new Set(project.media.map((m) => m.file));
    const published = checked.flatMap((f) => (f.article && (f.article.status !== 'draft' || config.drafts) ? [f.article] : []));
    const used = new Set(published.flatMap((a) => imagesOf(a).flatMap((i) => (existing.has(i.file) ? [i.file] : []))));
    const images =
      used.size === 0 && !options.cacheDir
        ? { infos: {}, unreadable: new Map<string, string>() }
        : await time('media', () => readMediaInfo(project.media, used, options.cacheDir));
    for (const a of published) {
      for (const image of imagesOf(a)) {
        const reason = images.unreadable.get(image.file);
        if (!reason) continue;
        const fix = 'Save it as a JPEG, PNG, WebP, AVIF or GIF image.';
        const message = { file: a.file, line: image.line, column: image.column, ruleId: 'invalid-image', fix };
        messages.push({ ...message, severity: 'error', reason: `The image \`${image.file}\` cannot be read (${reason}).` });
      }
    }
    const media = images.infos;
    const { keys, summaries, store, stats } = await time('markdown', () =>
      renderBodies(
        toRender.map((f) => {
          // A body that shows images is rendered with them: its render depends on their files.
          const bodyImages = bodyImagesOf(f.article!.bodyImages, media);
          if (bodyImages) return { markdown: bodyOf(f), images: bodyImages };
          return f.entry.render ? { known: f.entry.render, text: () => bodyOf(f) } : bodyOf(f);
        }),
        {
          cacheDir: options.cacheDir && join(options.cacheDir, 'markdown'),
          readAll: options.readAll,
          some: articles !== project.articles,
          pool,
          onProgress: (done, total) => progress({ stage: 'markdown', state: 'advance', done, total }),
        },
      ),
    );
    toRender.forEach((f, i) => {
      f.entry.render = { key: keys[i]!, ...summaries[i]! };
    });
    // The model keeps of a body its key and first paragraph; outputs read the rest from `store`.
    // The files' bytes and bodies are let go: at 100,000 articles, a gigabyte.
    const renderedNow = new Set(toRender);
    const rendered = checked.flatMap((f): RenderedArticle[] => {
      f.source.bytes = undefined;
      if (!f.article) return [];
      const { body: _body, ...meta } = f.article;
      f.article = meta;
      const render = renderedNow.has(f) ? f.entry.render! : { firstParagraph: '', key: '', textKey: '' };
      return [{ ...meta, firstParagraph: render.firstParagraph, bodyKey: render.key, textKey: render.textKey }];
    });
    return { rendered, gazetteer, catalogues, media, bodies: store, messages, markdown: stats, check: checkStats, files: checked, version };
  }
}

/** Files checked a step at a time while Markdown workers render, so that their renders are taken (and stored) as they come. */
const CHECK_STEP = 200;

/** checkFiles, a step at a time when `yieldBetween` (letting other work in between), the same results either way. */
async function checkInSteps(
  files: readonly ArticleFile[],
  context: Parameters<typeof checkFiles>[1],
  state: ArticleState | undefined,
  version: string,
  yieldBetween: boolean,
): Promise<ReturnType<typeof checkFiles>> {
  if (!yieldBetween) return checkFiles(files, context, state, version);
  const all: ReturnType<typeof checkFiles> = { files: [], messages: [], cached: 0 };
  for (let start = 0; start < files.length; start += CHECK_STEP) {
    const step = checkFiles(files.slice(start, start + CHECK_STEP), context, state, version);
    all.files.push(...step.files);
    all.messages.push(...step.messages);
    all.cached += step.cached;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return all;
}

/**
 * The article files whose body alone changed since the last build (`previous`, the state it
 * left), when that is all that changed: the same files, each with the same bytes, or with the
 * same metadata, messages and first paragraph (the excerpt) and a body rendered now. Then the
 * model is the last build's but for those articles' body keys (bodyKey, textKey), which only
 * their pages, the feeds that print them and their search records read (bodyOnlyPlan).
 * Undefined when anything else changed, or the last build's state does not say.
 */
export function bodyOnlyChanges(prepared: PreparedArticles, previous: ArticleState | undefined): CheckedFile[] | undefined {
  if (previous?.version !== prepared.version) return undefined;
  const changed: CheckedFile[] = [];
  for (const f of prepared.files) {
    const old = entryOf(previous, f.source.file);
    if (!old) return undefined;
    if (old.hash === f.source.hash) continue;
    const now = f.entry;
    const same =
      old.article !== undefined &&
      now.article !== undefined &&
      old.article.body === undefined &&
      now.article.body === undefined &&
      old.bodyStart === now.bodyStart &&
      old.render !== undefined &&
      now.render !== undefined &&
      old.render.firstParagraph === now.render.firstParagraph &&
      JSON.stringify(old.article) === JSON.stringify(now.article) &&
      JSON.stringify(old.messages) === JSON.stringify(now.messages);
    if (!same) return undefined;
    changed.push(f);
  }
  return changed;
}
