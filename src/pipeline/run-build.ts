import { createHash } from 'node:crypto';
import { access, copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import v8 from 'node:v8';
import type { Archive, MediaInfo } from '../archive/archive.ts';
import type { ArchiveSteps, ArticlesPart } from '../archive/build-archive.ts';
import { mediaUrl, outputPathOf } from '../archive/urls.ts';
import { CONFIG_FILE, type SiteConfig } from '../config/site-config.ts';
import type { Bodies } from '../markdown/bodies.ts';
import { fileWriter, startWriterThread } from '../outputs/file-writer.ts';
import { PAGE_LISTS } from '../outputs/pages/page-templates.ts';
import { asSearchState, NO_SEARCH, planSearchLayout, type SearchState, searchPaths } from '../outputs/search/search-layout.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { countMessages, type Message, sortMessages } from '../report/message.ts';
import { knownFiles, readArticleState, releaseShards, writeArticleState } from './article-state.ts';
import { type BodyOnlyPlan, bodyOnlyPlan } from './body-only-plan.ts';
import { buildFingerprint, outputsVersion, readLastBuild, sourceVersion, writeLastBuild } from './build-fingerprint.ts';
import type { CheckStats, Timer } from './build-model.ts';
import { addSizes, folderSize, pathSize, type Size } from './folder-size.ts';
import { mediaUnchanged, mediaVariants } from './media.ts';
import { pageStore, readSnapshot, recordsDiffer, snapshotOf, writeSnapshot } from './model-snapshot.ts';
import {
  listsReadingArchive,
  type OutputManifest,
  outputHashes,
  readManifest,
  recordHashesOf,
  reuseUnchanged,
  SPARE_SITE,
  spareDiffers,
  spareHash,
  writeManifest,
} from './output-manifest.ts';
import { readProject } from './read-project.ts';
import type { RenderStats } from './render-bodies.ts';
import { markerLine, markerText, siteBuiltBy, writeSiteAtomically } from './write-site-atomically.ts';

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
   * Cache folder (the CLI uses `.dateline-cache` in the project): the check of each article
   * file and its rendered body by content hash, the output manifest (what decided each output's
   * bytes, so an unchanged one is taken from the previous site), and the last build's
   * fingerprint so an unchanged project is not built again. Safe to delete. None: build
   * everything from scratch.
   */
  cacheDir?: string;
  /** Build every output, even when nothing changed since the last build (no output is taken from the previous site). */
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
  /** Files of the site: pages, feeds, exports, sitemap and search index, written now or taken from the previous site (`reused`); copied assets not counted. */
  files: number;
  output?: string;
  /** The model; of a body-only build (bodyOnlyPlan), the part of it the build printed. */
  archive?: Archive;
  /** The model's rendered bodies (read from the cache folder when there is one). */
  bodies?: Bodies;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Nothing changed since the last build into the same folder: nothing was written. */
  upToDate?: boolean;
  /** How article bodies were rendered (cache hits, renders, worker threads). */
  markdown?: RenderStats;
  /** How article files were checked (taken from the last build's check, or checked now). */
  check?: CheckStats;
  /** What the cache's spare site holds after the build: the site it replaced, or a copy of the new one (made in the background). */
  spare?: 'old' | 'copy';
  /** Of `reused`, the files kept in place in the spare site the new one started from (the rest linked). */
  keptInPlace?: number;
  /** The spare site the build started from was known by its listing (SPARE_LISTING), not walked. */
  spareListed?: boolean;
  /** Only bodies changed since the last build: the model was not made again (bodyOnlyPlan). */
  bodyOnly?: boolean;
  /** Files taken unchanged from the previous builds' sites, kept or linked (counted in `files`). */
  reused?: number;
  /** Every file of the site and their bytes, of a site written whole (nothing reused). */
  size?: Size;
}

/**
 * The search state of the last build, when every bundle it lists is in the site (a bundle
 * deleted from it, and the index is written as a clean build writes it).
 */
async function presentSegments(state: SearchState | undefined, output: string): Promise<SearchState | undefined> {
  if (!state) return undefined;
  const present = await Promise.all(
    state.segments.map((s) =>
      access(join(output, s.folder, 'pagefind-entry.json')).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every(Boolean) ? state : undefined;
}

/** The last build's manifest, when the site in `output` is the one it describes (its marker names the same build). */
async function reusableManifest(cacheDir: string, output: string): Promise<OutputManifest | undefined> {
  const manifest = await readManifest(cacheDir);
  if (!manifest || manifest.output !== output) return undefined;
  return (await siteBuiltBy(output, manifest.fingerprint)) ? manifest : undefined;
}

/**
 * Builds the site: read → check → render Markdown → archive model → pages, written
 * atomically. Any error in any file stops the build before anything is written, and every
 * problem of every file is reported together.
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  // What the build started and still writes into the cache (the article state), waited for
  // however the build ends, so the next build (dateline serve's) never races it.
  const started: Promise<unknown>[] = [];
  try {
    return await build(options, started);
  } finally {
    await Promise.allSettled(started);
  }
}

async function build(options: BuildOptions, started: Promise<unknown>[]): Promise<BuildReport> {
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
      // A stage run twice (check and Markdown of a build that was not body-only after all) counts both.
      timings[stage] = (timings[stage] ?? 0) + Math.round(performance.now() - start);
    }
  };
  const root = resolve(options.root);
  // The last build's knowledge of each article file: a file whose stamp is unchanged is not read
  // (unless --force), one whose bytes are unchanged is not checked again.
  const { state, project } = await time('read', async () => {
    const state = options.cacheDir ? await readArticleState(options.cacheDir) : undefined;
    return { state, project: await readProject(root, options.overrides, options.force ? undefined : knownFiles(state)) };
  });
  const { config } = project;
  const output = resolve(root, config.output);
  const templates = options.templates ?? join(PACKAGE_ROOT, 'templates');
  const publicDir = options.publicDir ?? join(PACKAGE_ROOT, 'public');

  // Unchanged since the last build into this folder: say what that build said, write nothing.
  const lastBuildFile = options.cacheDir && join(options.cacheDir, 'last-build.json');
  // Written into every site's marker, cached or not, so cached and clean builds are the same bytes.
  // The site's own icon (`icon:`), whose every size is made from its bytes.
  const icon = config.icon === undefined || options.dryRun ? undefined : await readSiteIcon(root, config.icon);
  const version = options.dryRun ? undefined : await outputsVersion(config, [templates, publicDir], icon ? [icon] : []);
  const fingerprint = version && buildFingerprint(project, version);
  // Only when reading found nothing to report (a symbolic link, a config error falling back to
  // defaults): those messages are not part of the fingerprint and must not be hidden.
  const last = lastBuildFile && !options.force && !options.dryRun ? await readLastBuild(lastBuildFile) : undefined;
  if (last && fingerprint && project.messages.length === 0) {
    if (last.fingerprint === fingerprint && last.output === output && (await siteBuiltBy(output, fingerprint))) {
      return {
        ok: true,
        messages: last.messages,
        articles: last.articles,
        pages: last.pages,
        files: last.files,
        output,
        timings,
        upToDate: true,
      };
    }
  }

  if (!options.dryRun) startWriterThread();
  // The stages past this point load only when there is something to build: an unchanged
  // project is answered without loading the checker, Markdown, the templates or Pagefind.
  const { bodyOnlyChanges, modelInSteps, prepareArticles, prepareChanges } = await import('./build-model.ts');
  const modelOptions = { render: !options.dryRun, cacheDir: options.cacheDir, state, fingerprint, readAll: options.force, time, progress };
  const previous = options.cacheDir && !options.force && !options.dryRun ? await reusableManifest(options.cacheDir, output) : undefined;
  const previousSearch = await presentSegments(asSearchState(previous?.search), output);
  // A search index written whole: the thread that sends it to Pagefind starts now.
  if (!options.dryRun && config.search.enabled && !previousSearch)
    (await import('../outputs/search/write-search-index.ts')).startSearchAhead(project.articles.length);
  // The search index's own version: Dateline (its code and packages, Pagefind's among them) and
  // the language Pagefind indexes in. Templates and other settings do not reach it.
  const searchVersion = createHash('sha256')
    .update(await sourceVersion())
    .update(config.lang)
    .digest('hex');
  const unhashed = await listsReadingArchive(templates);

  // Only bodies changed since the last build: its model stands, but for their body keys, and
  // only their pages, the feeds that print them and their search records are made again. The
  // changed files alone are checked first (prepareChanges); anything else changed, and every
  // file is prepared for a new model.
  const snapshot = previous && project.messages.length === 0 && unhashed.size === 0 ? await readSnapshot(options.cacheDir!) : undefined;
  // The article state, the snapshot and the report must be those of the build that wrote the
  // site (a build that failed after the check wrote a newer state), under the same templates
  // and settings (the same places: prepareChanges compares the state's version).
  const built = previous?.fingerprint;
  const sameBuild =
    snapshot !== undefined &&
    snapshot.fingerprint === built &&
    state?.fingerprint === built &&
    last?.fingerprint === built &&
    snapshot.version === version;
  let plan: BodyOnlyPlan | undefined;
  // Read before prepareChanges reads any image (and rewrites what the cache knows of them).
  const imagesSame = sameBuild && (await mediaUnchanged(options.cacheDir!, project.media));
  let prepared = sameBuild ? await prepareChanges(project, modelOptions) : undefined;
  const changes = prepared && bodyOnlyChanges(prepared, state);
  if (prepared && changes) {
    const input = {
      changed: changes,
      snapshot: snapshot!,
      previous: previous!,
      previousSearch,
      cacheDir: options.cacheDir!,
      output,
      version: version!,
      searchVersion,
      overlayMax: config.search.overlay_max,
    };
    plan = await time('hash-pages', () => bodyOnlyPlan(input));
    // The last build's model names each image by its content: an image file changed or
    // gone since, and the model is made again.
    if (!imagesSame) plan = undefined;
  }
  if (plan && prepared) {
    const entries = new Map(prepared.files.map((f) => [f.source.file, f.entry]));
    await writeArticleState(options.cacheDir!, { version: prepared.version, fingerprint }, project.articles, entries, state);
  } else {
    const attempt = prepared;
    prepared = await prepareArticles(project, { ...modelOptions, gazetteer: attempt?.gazetteer });
    if (prepared.stateWritten) started.push(prepared.stateWritten);
    // The bodies the attempt rendered are found in the cache now: they were rendered by this build.
    const rendered = attempt?.markdown.rendered ?? 0;
    prepared.markdown = {
      ...prepared.markdown,
      cached: prepared.markdown.cached - rendered,
      rendered: prepared.markdown.rendered + rendered,
    };
  }
  // The last build's checks are in the new state now, or no longer needed.
  releaseShards(state);
  const { bodies } = prepared;

  // The model: a body-only build's is the last one's. A clean build with nothing to report so
  // far makes its articles first and starts the search index on them, then the rest of the model
  // (its listings, indexes and feeds: 0.2-0.3 s at 1,000 articles, 1.3 s at 10,000) while
  // Pagefind indexes; another build makes it whole here.
  let steps: ArchiveSteps | undefined;
  let model: { archive: Archive; messages: Message[] } | undefined;
  if (plan) model = { archive: plan.archive, messages: last!.messages };
  else {
    steps = await time('archive', () => modelInSteps(prepared, config));
    const early = !options.dryRun && !previous && config.search.enabled;
    if (!early || countMessages([...project.messages, ...prepared.messages, ...steps.messages]).errors > 0) {
      const rest = await time('archive', () => steps!.rest());
      model = { archive: rest.archive, messages: [...steps.messages, ...rest.messages] };
      steps = undefined;
    }
  }
  // The articles (and sites and search bundles) are the model's either way.
  const part: ArticlesPart = model?.archive ?? steps!.part;
  let archive = model?.archive;
  const messages = plan ? model!.messages : [...project.messages, ...prepared.messages, ...(model?.messages ?? steps!.messages)];
  const stats = prepared.markdown;
  // What the model was made from is in it now: the checked files and their articles are let go
  // before the pages are rendered (at 100,000 articles, about 240 MB).
  prepared.files = [];
  prepared.rendered = [];

  const sorted = sortMessages(messages);
  const articleCount = plan ? last!.articles : part.articles.length;
  const report: BuildReport = {
    ok: countMessages(sorted).errors === 0,
    messages: sorted,
    articles: articleCount,
    pages: 0,
    files: 0,
    archive,
    bodies,
    timings,
    markdown: stats,
    check: prepared.check,
    ...(plan && { bodyOnly: true }),
  };
  // The article state is written while the build goes on; awaited before anything else names this build.
  const stateWritten = prepared.stateWritten ?? Promise.resolve();
  if (!report.ok || options.dryRun) {
    await stateWritten;
    return report;
  }

  const [{ mapsOnWorker }, { writePages }, { writeOutputs }, { writeSearchIndex, searchSummary }, { writeSiteIcons }] = await Promise.all([
    import('../outputs/maps/render-maps.ts'),
    import('../outputs/pages/write-pages.ts'),
    import('../outputs/write-outputs.ts'),
    import('../outputs/search/write-search-index.ts'),
    import('../outputs/icons/site-icons.ts'),
  ]);
  // What decides each page's, feed's and search record's bytes; the pages and feeds unchanged
  // since the last build into this folder are taken from it (unless --force), the rest are
  // written. The search index keeps its bundles and takes the changed records into an overlay
  // (planSearchLayout).
  const recordHashes = plan
    ? plan.records
    : config.search.enabled
      ? await time('hash', () => recordHashesOf(part.articles, searchVersion))
      : new Map<string, string>();
  const layout = plan
    ? plan.layout
    : config.search.enabled
      ? planSearchLayout(part.searchBundles, recordHashes, previousSearch, config.search.overlay_max, searchVersion)
      : NO_SEARCH;
  const summary = plan ? snapshot!.search : searchSummary(part.articles);
  const hashes = new Map(layout.keep.map((s) => [`${s.folder}/`, s.hash]));
  // The images the pages print (lead and body): their files in the site (`media/<hash>.<ext>`) and where
  // they are in the content folder.
  const infos = prepared.media;
  const fileOfUrl = new Map(Object.entries(infos).map(([file, info]) => [mediaUrl(info), file]));
  const pathOf = new Map(project.media.map((m) => [m.file, m.path]));
  const mediaSources = new Map<string, string>();
  // Smaller copies are made into the cache (a build without one makes them in a scratch folder).
  const variantsDir = options.cacheDir ? join(options.cacheDir, 'media') : join(tmpdir(), `dateline-media-${process.pid}`);
  const images: { info: MediaInfo; path: string }[] = [];
  for (const url of part.articles.flatMap((a) => [...(a.image ? [a.image.url] : []), ...(a.bodyImages ?? [])])) {
    const file = fileOfUrl.get(url);
    const path = file && pathOf.get(file);
    // An image several articles print is copied, and its smaller copies made, once.
    if (!file || !path || mediaSources.has(url.slice(1))) continue;
    mediaSources.set(url.slice(1), path);
    images.push({ info: infos[file]!, path });
  }
  if (images.length > 0) {
    await time('media', async () => {
      for (const { info, path } of images)
        for (const [site, made] of await mediaVariants(info, path, variantsDir)) mediaSources.set(site, made);
    });
  }
  let searchState: SearchState | undefined;
  let siteSize: Size | undefined;
  let writtenAt = 0;
  let writerFiles = new Map<string, string[]>(plan ? Object.entries(snapshot!.writerFiles) : []);
  const store = options.cacheDir ? pageStore(options.cacheDir) : undefined;
  // The site the last build replaced, when it is the one the manifest describes: the new site
  // starts from it, and only what changed in the last two builds is written or linked.
  const spareDir = options.cacheDir && join(options.cacheDir, SPARE_SITE);
  const spare = previous?.spare && (await siteBuiltBy(spareDir!, previous.spare.fingerprint)) ? previous.spare : undefined;
  // A clean build's maps are drawn on the other core from now, while the index starts and the
  // pages are hashed and rendered (a build from a previous site draws those of its changed pages).
  let drawing = previous || !archive ? undefined : mapsOnWorker(archive);
  // Stops the search index of a build that fails (rather than waiting for Pagefind to end it).
  const stopSearch = new AbortController();
  const marker = fingerprint ? markerLine(fingerprint) : '';
  const building = heapNearLive((nearLive) =>
    writeSiteAtomically(
      output,
      [root, join(root, config.content), templates, publicDir],
      async (dir, fromSpare) => {
        // The search index is made by Pagefind's own process: it indexes on the other core while
        // this one links the unchanged files, draws maps and renders pages and feeds. The bundles it
        // writes are never linked (their folders are not in `hashes` until it is done). In the
        // spare site, it starts once the files not kept are gone (its own among them).
        let search: ReturnType<typeof writeSearchIndex> | undefined;
        // Once this thread has written everything but the index, Pagefind may use both cores.
        let pagesWritten!: () => void;
        const written = new Promise<void>((resolve) => {
          pagesWritten = resolve;
        });
        const startSearch = () => {
          search = time('search', () =>
            writeSearchIndex(part, bodies, dir, layout, recordHashes, searchVersion, output, summary, written, stopSearch.signal),
          );
          search.catch(() => undefined);
        };
        // The pages, feeds and sitemap are written by a thread of their own.
        const writer = fileWriter();
        if (!fromSpare) {
          startSearch();
          // The search takes its first part's records and starts its worker before the page
          // hashing holds this thread (at 10,000 articles, 1.5 s).
          await setImmediate();
        }
        try {
          if (steps) {
            const rest = await time('archive', () => steps!.rest());
            archive = rest.archive;
            report.archive = archive;
            report.messages = sortMessages([...messages, ...rest.messages]);
            report.ok = countMessages(report.messages).errors === 0;
            // An error in the rest of the model: nothing is written (the folder is removed).
            if (!report.ok) throw new ModelProblems();
            drawing = mapsOnWorker(archive);
          }
          const whole = archive!;
          const hasher = outputHashes(whole, version!);
          // Every page to render: the heap kept near what is alive from the start.
          if (!previous) nearLive();
          if (!plan) {
            const hashed = await time('hash-pages', () => hasher.pagesAndFeeds(unhashed));
            for (const [path, h] of hashed.hashes) hashes.set(path, h);
            writerFiles = hashed.writerFiles;
          } else for (const [path, h] of plan.hashes) if (!hashes.has(path)) hashes.set(path, h);
          // A feed is its three files, the exports and the sitemap theirs: one missing from the old
          // site, and the whole output is written.
          const feedFiles = whole.feeds.map((f) => Object.values(f.urls).map((url) => url.slice(1)));
          const wholes = [...feedFiles, ...writerFiles.values()];
          // Each image by its content hash (its name): the old site's copy is linked when it has it.
          for (const path of mediaSources.keys()) hashes.set(path, path.slice('media/'.length, path.lastIndexOf('.')));
          const reuse = previous
            ? await time('reuse', () =>
                reuseUnchanged(output, dir, previous.files, hashes, wholes, fromSpare ? spareHash(previous) : undefined),
              )
            : undefined;
          if (fromSpare) startSearch();
          const linked = reuse?.linked ?? new Set<string>();
          // The images not taken from the old site, copied from the content folder.
          const copied = new Set<string>();
          for (const [path, source] of mediaSources) {
            if (linked.has(path)) continue;
            await mkdir(join(dir, 'media'), { recursive: true });
            await copyFile(source, join(dir, path));
            copied.add(path);
          }
          const files = (reuse?.files ?? 0) + copied.size;
          // A kept bundle gone from the old site since it was planned: nothing can write it again now.
          const lost = layout.keep.filter((s) => !linked.has(`${s.folder}/`));
          if (lost.length > 0)
            throw new Error(`The search bundle ${lost[0]!.folder}/ of the previous site went missing during the build; build again.`);
          const changed = <T extends { outputPath: string }>(pages: T[]) => pages.filter((p) => !linked.has(p.outputPath));
          // The pages to render, and the feeds to write (of the whole archive).
          const view: Archive = {
            ...whole,
            articles: changed(whole.articles),
            listings: changed(whole.listings),
            indexes: changed(whole.indexes),
            homes: changed(whole.homes),
            searches: changed(whole.searches),
          };
          const outputs: Archive = { ...whole, feeds: whole.feeds.filter((f) => !linked.has(f.urls.atom.slice(1))) };
          // A body-only build holds only the articles it prints: every other output must be in the old site.
          const printed = new Set([
            ...view.articles.map((a) => a.outputPath),
            ...outputs.feeds.flatMap((f) => Object.values(f.urls).map((url) => url.slice(1))),
          ]);
          const missing = plan && [...hashes.keys()].find((path) => !linked.has(path) && !printed.has(path) && !copied.has(path));
          if (missing) throw new Error(`${missing} of the previous site went missing during the build; build again.`);
          // The pages of every list (articles, listings, indexes, homes, search pages), and the 404 page.
          const pagesOf = (model: Archive) => PAGE_LISTS.reduce((n, list) => n + model[list].length, 0);
          const pageTotal = pagesOf(view) + 1;
          if (pageTotal > HEAP_NEAR_LIVE_PAGES) nearLive();
          const onPage = (done: number) => progress({ stage: 'pages', state: 'advance', done, total: pageTotal });
          const drawer = drawing ?? mapsOnWorker(view);
          const rendered = await time('pages', () =>
            writePages(view, bodies, {
              templates,
              publicDir,
              output: dir,
              writer,
              portableLinks: config.links === 'portable',
              baseUrl: config.url,
              maps: drawer.maps,
              onPage,
            }),
          ).finally(() => drawer.close());
          const pagesLinked = pagesOf(whole) - pagesOf(view);
          report.pages = plan ? last!.pages : rendered + pagesLinked;
          // Each article page's view, by its hash, for a later body-only build, written by the
          // site's writer (one after another on this thread: 1-2 s of a 1,000-article build).
          for (const page of view.articles) {
            const h = hashes.get(page.outputPath);
            if (h !== undefined) await store?.put(h, page, writer);
          }
          const kept = new Set([...writerFiles].filter(([, paths]) => paths.every((p) => linked.has(p))).map(([name]) => name));
          const icons = icon ? await time('icons', () => writeSiteIcons(dir, icon, options.cacheDir)) : 0;
          const others = icons + (await writeOutputs(outputs, bodies, dir, writer, time, kept));
          await time('written', () => writer.flush());
          pagesWritten();
          // The article state too, before the site replaces the old one: a build that cannot write it fails whole.
          await stateWritten;
          // The size of a site written whole: all but the search index measured while Pagefind
          // ends it (a 10,000-article site's 35,000 files took a second once the build was done),
          // then the index.
          const searchFiles = searchPaths(layout);
          const besideSearch = files === 0 ? folderSize(dir, new Set(searchFiles)) : undefined;
          const indexed = await search!;
          if (besideSearch) siteSize = addSizes([besideSearch, ...searchFiles.map((path) => pathSize(dir, path))]);
          searchState = indexed.state;
          for (const segment of searchState?.segments ?? []) hashes.set(`${segment.folder}/`, segment.hash);
          report.files = rendered + files + others + indexed.files;
          report.reused = files;
          report.keptInPlace = reuse?.kept ?? 0;
          if (reuse?.listed) report.spareListed = true;
          writtenAt = performance.now();
        } catch (error) {
          stopSearch.abort();
          throw error;
        } finally {
          pagesWritten();
          // A failed build's folder is removed only once nothing writes into it any more: the
          // writer thread, and Pagefind.
          await writer.close();
          await search?.catch(() => undefined);
        }
      },
      marker,
      // The replaced site is kept when its outputs are known (the manifest describes it) and it
      // shares at least half of the new site's files; else a copy of the new one.
      spareDir
        ? {
            from: spare ? spareDir : undefined,
            keepAt: spareDir,
            keepOld: () => previous !== undefined && (report.reused ?? 0) * 2 >= report.files,
          }
        : undefined,
    ),
  ).finally(() => drawing?.close());
  // The rest of the model had errors: reported as any, nothing written.
  const nextSpare = await building.then(
    (done) => done.spare,
    (error: unknown) => {
      if (error instanceof ModelProblems) return null;
      throw error;
    },
  );
  if (nextSpare === null) return report;
  report.spare = nextSpare;
  // The marker, written once the rest is.
  if (siteSize) report.size = addSizes([siteSize, { files: 1, bytes: Buffer.byteLength(markerText(marker)) }]);
  if (!options.cacheDir) await rm(variantsDir, { recursive: true, force: true });
  // Moving the new site in and removing the old one (every file of it).
  timings.swap = Math.round(performance.now() - writtenAt);
  report.output = output;
  if (options.cacheDir && fingerprint) {
    const files = Object.fromEntries(hashes);
    const spareOf = nextSpare === 'old' ? previous : nextSpare === 'copy' ? { fingerprint, files } : undefined;
    const spareEntry = spareOf && { spare: { fingerprint: spareOf.fingerprint, differs: spareDiffers(files, spareOf.files) } };
    await writeManifest(options.cacheDir, { fingerprint, output, files, search: searchState, ...spareEntry });
    const parts = {
      version: version!,
      recordsDiffer: recordsDiffer(recordHashes, searchState),
      search: summary,
      writerFiles: Object.fromEntries(writerFiles),
    };
    await writeSnapshot(options.cacheDir, plan ? { ...snapshot!, fingerprint, ...parts } : snapshotOf(archive!, fingerprint, parts));
    // The views of pages no longer in the site: the changed ones' old views, or (after a build of
    // the whole model) every view but the site's.
    if (plan) {
      for (const url of plan.changed.keys()) {
        const path = outputPathOf(url);
        // An edit that left the page as it was (a comment in the front matter) keeps its view.
        if (previous!.files[path] !== hashes.get(path)) store!.remove(previous!.files[path]!);
      }
    } else store!.keepOnly(new Set(archive!.articles.flatMap((a) => hashes.get(a.outputPath) ?? [])));
  }
  if (lastBuildFile && fingerprint) {
    await writeLastBuild(lastBuildFile, {
      fingerprint,
      output,
      messages: report.messages,
      articles: report.articles,
      pages: report.pages,
      files: report.files,
    });
  }
  return report;
}

/** The rest of the model, made once the search index had started, has errors: the build stops (runBuild). */
class ModelProblems extends Error {}

/**
 * Runs `f`, in which `nearLive()` makes V8's heap grow by at most a quarter over what the last
 * full collection found alive, until `f` ends. Rendering thousands of pages allocates far more
 * than it keeps, and by default V8 lets the heap grow to several times what is alive: 2.4 GiB at
 * 10,000 articles against about 1.1 GiB this way, at no time measured. Not for the Markdown
 * workers, which it slowed by half (40 s → 58 s at 10,000), nor for an edit, where the frequent
 * full collections of a heap of 600 MB took 2.3 s of 12. The flag is the process's: restored after.
 */
async function heapNearLive<T>(f: (nearLive: () => void) => Promise<T>): Promise<T> {
  try {
    return await f(() => v8.setFlagsFromString('--heap-growing-percent=25'));
  } finally {
    v8.setFlagsFromString('--heap-growing-percent=0');
  }
}

/** Above this many pages to render, the heap is kept near what is alive (heapNearLive). */
const HEAP_NEAR_LIVE_PAGES = 2_000;

/** The bytes of the site's icon (`icon:` in dateline.yaml, relative to the project root). */
async function readSiteIcon(root: string, path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolve(root, path)));
  } catch (error) {
    throw new Error(
      `The icon \`${path}\` named in ${CONFIG_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): correct the path, or remove \`icon\` for Dateline's.`,
    );
  }
}
