import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Archive, ArticlePage, ListingPage, Teaser, TeaserGroup } from '../archive/archive.ts';
import { articleUrl, homeUrl, outputPathOf } from '../archive/urls.ts';
import { checkArticle } from '../content/validate-article.ts';
import { renderArticleBody } from '../markdown/render-markdown.ts';
import { articlePageRenderer, pageRenderer } from '../outputs/eleventy/page-templates.ts';
import { articleMap, renderMaps } from '../outputs/maps/render-maps.ts';
import { entryOf, readArticleState } from '../pipeline/article-state.ts';
import { pageStore, readSnapshot } from '../pipeline/model-snapshot.ts';
import { readManifest } from '../pipeline/output-manifest.ts';
import { readConfig, readPlaceFiles } from '../pipeline/read-project.ts';
import { cachedBodies } from '../pipeline/render-bodies.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';

/** A page as it will be once the build under way has written it. */
export interface SavePreview {
  /** The page's URL (`/2021/08/22/andarab-resistance/`). */
  url: string;
  html: string;
}

/** What an article's listings print of it that a save can change without changing which pages exist. */
type TeaserText = Pick<Teaser, 'title' | 'summary'>;

export interface SavePreviewer {
  /**
   * The pages a saved article file (its absolute path) changes, as the build under way will
   * write them: its own page, and of the pages open in a browser (`open`, URLs) those that print
   * its teaser. None when the build alone can say (see savePreviewer).
   */
  preview(path: string, open: ReadonlySet<string>): Promise<SavePreview[]>;
  /**
   * After each build: `model` is the model of the site it wrote, when it made one (undefined:
   * the last one stands, or none is known). Forgets the teasers changed by the saves previewed
   * before it (the site has them now, or the build failed).
   */
  built(model: Archive | undefined): void;
}

/** The model's pages by URL, made once per model. */
interface ModelIndex {
  archive: Archive;
  articles: Map<string, ArticlePage>;
  listings: Map<string, ListingPage>;
}

/**
 * What `dateline serve` shows the moment an article file is saved, before the build that writes
 * it has finished, byte for byte as the build will write it:
 * - a save of the body alone (the same metadata, messages and excerpt as the last build checked,
 *   so no other page changes): the article's page, from the last build's view of it with the new
 *   body;
 * - a save of the title or summary too (and nothing else of the metadata: the same pages exist,
 *   in the same order): the article's page and the open listings, home and article pages that
 *   print its teaser, from the model of the last build (`built`) with the new teaser.
 * Nothing for any other save, or when the last build's state, manifest and snapshot are not all
 * of the one build that wrote the site. Made for one configuration, gazetteer and set of
 * templates: a save of any of them needs a new previewer.
 */
export async function savePreviewer(root: string, cacheDir: string, templates: string): Promise<SavePreviewer> {
  const { config, messages } = await readConfig(root);
  const places = loadGazetteer(readPlaceFiles(root, config));
  const none: SavePreviewer = { preview: async () => [], built: () => {} };
  if (messages.length > 0 || places.messages.length > 0) return none;
  const context = { gazetteer: places.gazetteer, timezone: config.timezone, lang: config.lang };
  const links = { portableLinks: config.links === 'portable', baseUrl: config.url };
  const renderArticle = await articlePageRenderer(templates, links);
  const { render } = pageRenderer(templates, links);
  const bodies = cachedBodies(join(cacheDir, 'markdown'));
  const store = pageStore(cacheDir);
  // Loads the Markdown pipeline now rather than on the first save.
  renderArticleBody('Dateline');
  let model: ModelIndex | undefined;
  // The teasers changed by saves since the last build, by article URL.
  const changed = new Map<string, TeaserText>();
  const patch = (t: Teaser): Teaser => {
    const text = changed.get(t.url);
    return text ? { ...t, ...text } : t;
  };
  const prints = (teasers: Teaser[]) => teasers.some((t) => changed.has(t.url));
  const patchGroups = (groups: TeaserGroup[]) => groups.map((g) => (prints(g.articles) ? { ...g, articles: g.articles.map(patch) } : g));

  /** An open page (not the saved article's) as the changed teasers make it; undefined if it prints none of them. */
  async function openPage(url: string, site: Archive['site'], pageHash: (url: string) => string | undefined): Promise<string | undefined> {
    if (!model) return undefined;
    const { archive } = model;
    if (url === homeUrl()) {
      if (!archive.home.latest.some((g) => prints(g.articles))) return undefined;
      return render('index.njk', { archive: { ...archive, site, home: { ...archive.home, latest: patchGroups(archive.home.latest) } }, maps: {}, url });
    }
    const listing = model.listings.get(url);
    if (listing) {
      if (!listing.groups.some((g) => prints(g.articles)) && !listing.timeline?.some((t) => changed.has(t.article.url))) return undefined;
      const item = { ...listing, groups: patchGroups(listing.groups), timeline: listing.timeline?.map((t) => ({ ...t, article: patch(t.article) })) };
      const maps = renderMaps({ ...archive, articles: [], listings: [listing] });
      return render('listing.njk', { archive: { ...archive, site }, maps, item, url });
    }
    // An article page printing the teaser in its related coverage, as the last build wrote it.
    const known = model.articles.get(url);
    const hash = known && pageHash(url);
    const page = hash === undefined ? undefined : store.get(hash);
    if (!page || !prints(page.related)) return undefined;
    return renderArticle(site, { ...page, related: page.related.map(patch) }, bodies.get(page.bodyKey).html, articleMap(page));
  }

  return {
    built(archive) {
      changed.clear();
      if (archive) model = { archive, articles: new Map(archive.articles.map((a) => [a.url, a])), listings: new Map(archive.listings.map((l) => [l.url, l])) };
    },
    async preview(path, open) {
      const file = relative(root, path).split(sep).join('/');
      const [state, manifest, snapshot] = await Promise.all([readArticleState(cacheDir), readManifest(cacheDir), readSnapshot(cacheDir)]);
      if (!state || !snapshot || !manifest || state.fingerprint !== manifest.fingerprint || snapshot.fingerprint !== manifest.fingerprint) return [];
      const old = entryOf(state, file);
      if (!old?.article || old.article.body !== undefined || !old.render) return [];
      const bytes = new Uint8Array(await readFile(path).catch(() => new Uint8Array()));
      const now = checkArticle({ file, bytes }, context);
      if (!now.article || JSON.stringify(now.messages) !== JSON.stringify(old.messages)) return [];
      const { body, ...meta } = now.article;
      const text: TeaserText = { title: meta.title, summary: meta.summary };
      const { title: _t, summary: _s, ...rest } = meta;
      const { title: _ot, summary: _os, ...oldRest } = old.article;
      if (JSON.stringify(rest) !== JSON.stringify(oldRest)) return [];
      const url = articleUrl(meta.date, meta.slug);
      const pageHash = (u: string) => manifest.files[outputPathOf(u)];
      const hash = pageHash(url);
      const page = hash === undefined ? undefined : store.get(hash);
      if (!page) return [];
      const rendered = renderArticleBody(body);
      const sameTeaser = meta.title === old.article.title && meta.summary === old.article.summary;
      // The body alone: its page is all that changes (the excerpt is printed by feeds, and
      // those wait for the build).
      if (sameTeaser && rendered.firstParagraph === old.render.firstParagraph) {
        return [{ url, html: await renderArticle(snapshot.site, page, rendered.html, articleMap(page)) }];
      }
      // The teaser too: the pages that print it come from the model.
      if (!model?.articles.has(url)) return [];
      changed.set(url, text);
      const self = { ...page, ...text, excerpt: meta.summary ?? rendered.firstParagraph };
      const previews = [{ url, html: await renderArticle(snapshot.site, self, rendered.html, articleMap(self)) }];
      for (const other of open) {
        if (other === url) continue;
        const html = await openPage(other, snapshot.site, pageHash);
        if (html !== undefined) previews.push({ url: other, html });
      }
      return previews;
    },
  };
}
