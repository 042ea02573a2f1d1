import { join } from 'node:path';
import { type Archive, type ArticlePage, type ListingPage, siteOf, type Teaser, type TeaserGroup } from '../archive/archive.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { articleMap, renderMaps } from '../outputs/maps/render-maps.ts';
import { articlePageRenderer, type LinkOptions, pageRenderer } from '../outputs/pages/page-templates.ts';
import { pageStore } from '../pipeline/model-snapshot.ts';
import { cachedBodies } from '../pipeline/render-bodies.ts';
import { startWorker } from '../start-worker.ts';
import { lastBuildModel } from './last-build-model.ts';

/** What an article's listings print of it that a save can change without changing which pages exist. */
export type TeaserText = Pick<Teaser, 'title' | 'summary'>;

/** A page as it will be once the build under way has written it. */
export interface SavePreview {
  /** The page's URL (`/2021/08/22/andarab-resistance/`). */
  url: string;
  html: string;
}

/** The last build's model and what finds its pages by URL. */
interface Model {
  archive: Archive;
  articles: Map<string, ArticlePage>;
  listings: Map<string, ListingPage>;
}

/** A page open in a browser: its URL, and for an article page its hash in the site's output manifest (what names its view in the page store). */
export interface OpenPage {
  url: string;
  hash?: string;
}

export interface TeaserPages {
  /** Makes the model of the site the last build wrote again (lastBuildModel), and forgets the changed teasers. */
  load(): Promise<void>;
  /** Forgets the changed teasers (a build that made no new model ended: the site has them, or it failed). */
  forget(): void;
  /**
   * Of the pages `open` (URLs), those that print the teaser of the article at `url` (listings,
   * the home page, related coverage of other articles), as they are with its text `text` and
   * every teaser changed since the model was made.
   */
  render(url: string, text: TeaserText, open: readonly OpenPage[]): Promise<SavePreview[]>;
}

/**
 * The pages that print an article's teaser, rendered from the last build's model with a new
 * teaser, byte for byte as the build writes them: what `dateline serve` shows at once when a save
 * changed an article's title or summary. Runs on a worker thread (teaser-worker), which holds the
 * model, so that the thread answering the browser never makes it nor takes it whole.
 */
export function teaserPages(
  root: string,
  cacheDir: string,
  templates: string,
  overrides: Partial<SiteConfig>,
  links: LinkOptions,
): TeaserPages {
  const { render } = pageRenderer(templates, links);
  const renderArticle = articlePageRenderer(templates, links);
  const bodies = cachedBodies(join(cacheDir, 'markdown'));
  const store = pageStore(cacheDir);
  let model: Model | undefined;
  // The teasers changed by saves since the model was made, by article URL.
  const changed = new Map<string, TeaserText>();
  const patch = (t: Teaser): Teaser => {
    const text = changed.get(t.url);
    return text ? { ...t, ...text } : t;
  };
  const prints = (teasers: readonly Teaser[]) => teasers.some((t) => changed.has(t.url));
  const patchGroups = (groups: TeaserGroup[]) => groups.map((g) => (prints(g.articles) ? { ...g, articles: g.articles.map(patch) } : g));

  /** An open page as the changed teasers make it; undefined if it prints none of them. */
  async function page({ url, hash }: OpenPage, { archive, listings, articles }: Model): Promise<string | undefined> {
    const home = archive.homes.find((h) => h.url === url);
    if (home) {
      if (!home.latest.some((g) => prints(g.articles))) return undefined;
      const item = { ...home, latest: patchGroups(home.latest) };
      return render('index.njk', { archive, site: siteOf(archive, home), maps: {}, item, url });
    }
    const listing = listings.get(url);
    if (listing) {
      if (!listing.groups.some((g) => prints(g.articles)) && !listing.timeline?.some((t) => changed.has(t.article.url))) return undefined;
      const timeline = listing.timeline?.map((t) => ({ ...t, article: patch(t.article) }));
      const item = { ...listing, groups: patchGroups(listing.groups), timeline };
      const maps = renderMaps({ ...archive, articles: [], listings: [listing] });
      return render('listing.njk', { archive, site: siteOf(archive, listing), maps, item, url });
    }
    // An article page, as the site has it (a body-only build since the model may have changed
    // its body), printing the teaser in its related coverage.
    const view = articles.has(url) && hash !== undefined ? store.get(hash) : undefined;
    if (!view || !prints(view.related)) return undefined;
    const related = view.related.map(patch);
    return (await renderArticle)(siteOf(archive, view), { ...view, related }, bodies.get(view.bodyKey).html, articleMap(view));
  }

  return {
    async load() {
      changed.clear();
      model = undefined;
      const archive = await lastBuildModel(root, cacheDir, overrides);
      if (!archive) return;
      const articles = new Map(archive.articles.map((a) => [a.url, a]));
      const listings = new Map(archive.listings.map((l) => [l.url, l]));
      model = { archive, articles, listings };
    },
    forget() {
      changed.clear();
    },
    async render(url, text, open) {
      if (!model?.articles.has(url)) return [];
      changed.set(url, text);
      const previews: SavePreview[] = [];
      for (const other of open) {
        if (other.url === url) continue;
        const html = await page(other, model);
        if (html !== undefined) previews.push({ url: other.url, html });
      }
      return previews;
    },
  };
}

/** A request to the teaser worker (teaserPagesOnWorker). */
export type TeaserRequest =
  | { kind: 'start'; root: string; cacheDir: string; templates: string; overrides: Partial<SiteConfig>; links: LinkOptions }
  | { kind: 'load' }
  | { kind: 'forget' }
  | { kind: 'render'; id: number; url: string; text: TeaserText; open: OpenPage[] };

/**
 * teaserPages on a worker thread (teaser-worker): `load` and `forget` return at once (the worker
 * takes requests in order, so a render waits for the model being made); `close` stops it.
 */
export function teaserPagesOnWorker(...args: Parameters<typeof teaserPages>): TeaserPages & { close(): Promise<void> } {
  const worker = startWorker('./teaser-worker', import.meta.url);
  worker.unref();
  const waiting = new Map<number, (previews: SavePreview[]) => void>();
  let stopped = false;
  let ids = 0;
  worker.on('message', ({ id, previews }: { id: number; previews: SavePreview[] }) => {
    waiting.get(id)?.(previews);
    waiting.delete(id);
  });
  // A worker that stopped previews nothing more: the builds still show every save.
  const stop = () => {
    stopped = true;
    for (const done of waiting.values()) done([]);
    waiting.clear();
  };
  worker.on('error', stop);
  worker.on('exit', stop);
  const send = (request: TeaserRequest) => !stopped && worker.postMessage(request);
  const [root, cacheDir, templates, overrides, links] = args;
  send({ kind: 'start', root, cacheDir, templates, overrides, links });
  return {
    async load() {
      send({ kind: 'load' });
    },
    forget() {
      send({ kind: 'forget' });
    },
    render(url, text, open) {
      if (stopped) return Promise.resolve([]);
      const id = ++ids;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        send({ kind: 'render', id, url, text, open: [...open] });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
