import { readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { siteOf } from '../archive/archive.ts';
import { articleUrl, outputPathOf } from '../archive/urls.ts';
import { loadCatalogues } from '../catalogues/catalogue.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { checkArticle } from '../content/validate-article.ts';
import { renderArticleBody } from '../markdown/render-markdown.ts';
import { articleMap } from '../outputs/maps/render-maps.ts';
import { articlePageRenderer } from '../outputs/pages/page-templates.ts';
import { entryOf, readArticleState, releaseShards, stateIndexPath } from '../pipeline/article-state.ts';
import { bodyImagesOf, cachedMediaInfo } from '../pipeline/media.ts';
import { pageStore, readSnapshot, snapshotPath } from '../pipeline/model-snapshot.ts';
import { manifestPath, readManifest } from '../pipeline/output-manifest.ts';
import { readCatalogueFiles, readConfig, readPlaceFiles } from '../pipeline/read-project.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';
import type { Message } from '../report/message.ts';
import { type SavePreview, type TeaserText, teaserPagesOnWorker } from './teaser-pages.ts';

export type { SavePreview } from './teaser-pages.ts';

/** What a save shows before its build ends: the pages it changes, or the errors that will fail the build. */
export interface SaveOutcome {
  pages: SavePreview[];
  /** The saved file's errors (the build will fail, and say so with the other files' too). */
  errors: Message[];
}

export interface SavePreviewer {
  /**
   * What a save of an article file (its absolute path) shows at once: its errors, if the check
   * finds any; else the pages it changes, as the build under way will write them: its own page,
   * and of the pages open in a browser (`open`, URLs) those that print its teaser. No pages when
   * the build alone can say (see savePreviewer).
   */
  preview(path: string, open: ReadonlySet<string>): Promise<SaveOutcome>;
  /**
   * After each build but the first: `remade` when it made a new model (a good build of more than
   * bodies), which is then made again for the teasers; else the teasers changed by the saves
   * previewed before it are forgotten (the site has them now, or the build failed).
   */
  built(remade: boolean): void;
  close(): Promise<void>;
}

/**
 * What `dateline serve` shows the moment an article file is saved, before the build that writes
 * it has finished, byte for byte as the build will write it:
 * - a save of the body alone (the same metadata, messages and excerpt as the last build checked,
 *   so no other page changes): the article's page, from the last build's view of it with the new
 *   body;
 * - a save of the title or summary too (and nothing else of the metadata: the same pages exist,
 *   in the same order): that page with the new teaser, and the open listings, home and article
 *   pages that print the teaser, from the last build's model (teaserPages, on a worker thread).
 * Nothing for any other save, or when the last build's state, manifest and snapshot are not all
 * of the one build that wrote the site. Made after a build, for its configuration, gazetteer and
 * templates: a save of any of them needs a new previewer, once the build after it has ended.
 */
export async function savePreviewer(
  root: string,
  cacheDir: string,
  templates: string,
  overrides: Partial<SiteConfig> = {},
): Promise<SavePreviewer> {
  const { config, messages } = await readConfig(root, overrides);
  const places = loadGazetteer(readPlaceFiles(root, config));
  const catalogues = loadCatalogues({
    config,
    ...readCatalogueFiles(root, config),
  });
  if (messages.length > 0 || places.messages.length > 0 || catalogues.messages.length > 0)
    return { preview: async () => ({ pages: [], errors: [] }), built: () => {}, close: async () => {} };
  const content = relative(root, join(root, config.content)).split(sep).join('/');
  const { topics } = catalogues.catalogues;
  const context = { gazetteer: places.gazetteer, timezone: config.timezone, lang: config.lang, topics, content };
  const links = { portableLinks: config.links === 'portable', baseUrl: config.url };
  const renderArticle = await articlePageRenderer(templates, links);
  const store = pageStore(cacheDir);
  const teasers = teaserPagesOnWorker(root, cacheDir, templates, overrides, links);
  void teasers.load();
  // Loads the Markdown pipeline now rather than on the first save.
  renderArticleBody('Dateline');
  // The last build's state, manifest and snapshot: read again only when a build replaced them.
  const lastState = whenReplaced(stateIndexPath(cacheDir), () => readArticleState(cacheDir));
  const lastManifest = whenReplaced(manifestPath(cacheDir), () => readManifest(cacheDir));
  const lastSnapshot = whenReplaced(snapshotPath(cacheDir), () => readSnapshot(cacheDir));
  // Read after each build, while the writer reads the page, rather than on the next save (at
  // 10,000 articles, 0.2–0.3 s).
  const readLast = () => void Promise.all([lastState(), lastManifest(), lastSnapshot()]).catch(() => undefined);
  readLast();

  return {
    built(remade) {
      if (remade) void teasers.load();
      else teasers.forget();
      readLast();
    },
    close: () => teasers.close(),
    async preview(path, open) {
      const file = relative(root, path).split(sep).join('/');
      // A file deleted or renamed away: only the build can say.
      const read = await readFile(path).catch(() => undefined);
      if (!read) return { pages: [], errors: [] };
      const now = checkArticle({ file, bytes: new Uint8Array(read) }, context);
      const errors = now.messages.filter((m) => m.severity === 'error');
      return { pages: errors.length > 0 ? [] : await pagesOf(file, now, open), errors };
    },
  };

  /** The pages a checked save without errors changes (SavePreviewer.preview). */
  async function pagesOf(file: string, now: ReturnType<typeof checkArticle>, open: ReadonlySet<string>): Promise<SavePreview[]> {
    const [state, manifest, snapshot] = await Promise.all([lastState(), lastManifest(), lastSnapshot()]);
    if (!state || !snapshot || !manifest || state.fingerprint !== manifest.fingerprint || snapshot.fingerprint !== manifest.fingerprint)
      return [];
    const old = entryOf(state, file);
    // The state stays read between saves, its shards not.
    releaseShards(state);
    if (!old?.article || old.article.body !== undefined || !old.render) return [];
    if (!now.article || JSON.stringify(now.messages) !== JSON.stringify(old.messages)) return [];
    const { body, ...meta } = now.article;
    const { title: _title, summary: _summary, ...rest } = meta;
    const { title: _oldTitle, summary: _oldSummary, ...oldRest } = old.article;
    if (JSON.stringify(rest) !== JSON.stringify(oldRest)) return [];
    const url = articleUrl(meta.date, meta.slug);
    const pageHash = (u: string) => manifest.files[outputPathOf(u)];
    const hash = pageHash(url);
    const page = hash === undefined ? undefined : store.get(hash);
    if (!page) return [];
    // Its images as the last build read them (an image changed since is the build's to show).
    const rendered = renderArticleBody(body, meta.bodyImages && bodyImagesOf(meta.bodyImages, await cachedMediaInfo(cacheDir)));
    const text: TeaserText = { title: meta.title, summary: meta.summary };
    const sameTeaser = text.title === old.article.title && text.summary === old.article.summary;
    // The body alone: its page is all that changes (the excerpt is printed by feeds, and
    // those wait for the build).
    if (sameTeaser && rendered.firstParagraph === old.render.firstParagraph) {
      return [{ url, html: await renderArticle(siteOf(snapshot, page), page, rendered.html, articleMap(page)) }];
    }
    // The teaser too: the open pages that print it, from the model.
    const others = await teasers.render(
      url,
      text,
      [...open].map((u) => ({ url: u, hash: pageHash(u) })),
    );
    const self = { ...page, ...text, excerpt: meta.summary ?? rendered.firstParagraph };
    return [{ url, html: await renderArticle(siteOf(snapshot, self), self, rendered.html, articleMap(self)) }, ...others];
  }
}

/**
 * `read()`, done again only when the file at `path` was replaced or changed since (its inode,
 * size or modification time): the cache's files are written aside and renamed into place.
 */
function whenReplaced<T>(path: string, read: () => Promise<T>): () => Promise<T> {
  let known: { stamp: string; value: Promise<T> } | undefined;
  return async () => {
    const s = await stat(path).catch(() => undefined);
    const stamp = s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
    if (known?.stamp !== stamp) known = { stamp, value: read() };
    return known.value;
  };
}
