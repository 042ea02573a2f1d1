import Eleventy from '@11ty/eleventy';
import { basename } from 'node:path';
import type { Archive } from '../../archive/archive.ts';
import { articleView, type ArticleView } from '../../archive/article-view.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import { compiledTemplates, type LinkOptions, pageLinks } from './page-templates.ts';

/** The search page's template, and the files of public/ only it uses. */
const SEARCH_TEMPLATE = 'search.njk';
const SEARCH_ASSETS = ['search.js', 'search.css'];

export interface EleventyOptions extends LinkOptions {
  /** Folder of Nunjucks templates (`templates/`). */
  templates: string;
  /** Folder of static assets copied as they are (`public/`). */
  publicDir: string;
  /** Where to write the site (a fresh temporary folder). */
  output: string;
  /**
   * The SVG maps of a pass's pages, by the URL of the page that shows them: drawn a pass at a
   * time, so the build holds one pass's maps rather than one for every page (several KB each).
   */
  maps: (pages: Archive) => Record<string, string>;
  /** Called after each page is rendered, with the number rendered so far. */
  onPage?: (done: number) => void;
}

/**
 * Renders `templates/` from the archive model with Eleventy 3. Eleventy only renders: it reads no
 * content files and no config file, decides no URL (each page's permalink comes from the model),
 * and article bodies reach it as finished HTML (`article.html`, read from `bodies` a pass at a
 * time), printed as values, never run as templates.
 * Root-relative links in every page are rewritten relative to that page.
 */
export async function runEleventy(archive: Archive, bodies: Bodies, options: EleventyOptions): Promise<number> {
  // Eleventy keeps every page it writes in memory until the run ends; a large archive is
  // rendered in passes over slices of the model, so memory stays bounded whatever its size.
  const passes = Math.max(1, Math.ceil((archive.articles.length + archive.listings.length + archive.indexes.length) / PAGES_PER_PASS));
  const slice = <T>(list: readonly T[], pass: number) => {
    const size = Math.ceil(list.length / passes);
    return list.slice(pass * size, (pass + 1) * size);
  };
  let pages = 0;
  let rendered = 0;
  for (let pass = 0; pass < passes; pass++) {
    // The article pages of this pass with their bodies, read now: one pass's bodies in memory at a time.
    const articles: ArticleView[] = slice(archive.articles, pass).map((a) => articleView(a, archive.site, bodies.get(a.bodyKey).html));
    const view: Archive = { ...archive, articles, listings: slice(archive.listings, pass), indexes: slice(archive.indexes, pass) };
    pages += await renderPass(view, options.maps(view), { ...options, onPage: () => options.onPage?.(++rendered) }, pass === 0);
  }
  return pages;
}

/** Pages rendered by one Eleventy run: at most this many paginated pages (plus the few single ones). */
const PAGES_PER_PASS = 1500;
/** Templates of one page each, rendered by the first pass only. */
const SINGLE_PAGES = ['index.njk', '404.njk', SEARCH_TEMPLATE];

async function renderPass(archive: Archive, maps: Record<string, string>, options: EleventyOptions, first: boolean): Promise<number> {
  const eleventy = new Eleventy(options.templates, options.output, {
    quietMode: true,
    configPath: false,
    config(config: any) {
      // Eleventy's benchmark groups made before quietMode applies still warn on stderr; our
      // own report times the stages.
      config.benchmarkManager.setVerboseOutput(false);
      for (const group of Object.values(config.benchmarkManager.getAll() as Record<string, { setIsVerbose(v: boolean): void }>)) group.setIsVerbose(false);
      config.setTemplateFormats(['njk']);
      // Eleventy keeps each template's text in a cache for the life of the process, so a build
      // after a template was saved (dateline serve builds in one process) would print the old one.
      config.setUseTemplateCache(false);
      // Eleventy's own Nunjucks engine compiles a paginated template again for every page it
      // renders (its compile cache is off for Nunjucks): 9.6 s of a 1,000-article build. Ours
      // compiles each template and each permalink once.
      const render = compiledTemplates(options.templates);
      config.addExtension('njk', {
        compileOptions: { cache: true, permalink: (permalink: unknown) => (typeof permalink === 'string' ? render(permalink, undefined) : permalink) },
        compile: (str: string, inputPath: string) => render(str, inputPath),
      });
      config.addGlobalData('archive', archive);
      config.addGlobalData('site', archive.site);
      config.addGlobalData('maps', maps);
      // Without search: no search page, and not its script and styles.
      if (!archive.site.search.enabled) config.addPreprocessor('search-off', 'njk', (data: { page: { inputPath: string } }) => (basename(data.page.inputPath) === SEARCH_TEMPLATE ? false : undefined));
      if (first) config.addPassthroughCopy({ [options.publicDir]: '/' }, archive.site.search.enabled ? {} : { filter: (file: string) => !SEARCH_ASSETS.includes(file) });
      else config.addPreprocessor('single-pages-once', 'njk', (data: { page: { inputPath: string } }) => (SINGLE_PAGES.includes(basename(data.page.inputPath)) ? false : undefined));
      // Writes go through libuv's thread pool while the next page renders (the default is sync).
      config.configureTemplateHandling({ writeMode: 'async' });
      // Root-relative links in every page made relative to that page (pageLinks). Our scanner
      // (rewriteUrls) rather than Eleventy's htmlTransformer: that one parses and re-serialises
      // each page, 2.5× the time for the same document.
      config.addTransform('dateline-links', function (this: { page: { url: string; outputPath: string } }, content: string) {
        options.onPage?.(0);
        return this.page.outputPath.endsWith('.html') ? pageLinks(content, this.page.url, options) : content;
      });
    },
  });
  eleventy.disableLogger();
  const results = (await eleventy.write().catch((error: Error & { originalError?: Error }) => {
    // Eleventy says which template failed; Nunjucks says why, and where.
    throw error.originalError ? new Error(`${error.message}: ${error.originalError.message}`, { cause: error }) : error;
  })) as unknown as [unknown[], { outputPath?: string }[]] | { outputPath?: string }[];
  const written = Array.isArray(results[0]) ? (results as [unknown[], { outputPath?: string }[]])[1] : (results as { outputPath?: string }[]);
  return written.filter((r) => r && r.outputPath).length;
}
