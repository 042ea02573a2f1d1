import { cp } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import pMap from 'p-map';
import { type Archive, type SitePage, siteOf } from '../../archive/archive.ts';
import { type ArticleView, articleView } from '../../archive/article-view.ts';
import { urlOfOutputPath } from '../../archive/urls.ts';
import type { Bodies } from '../../markdown/bodies.ts';
import type { FileWriter } from '../file-writer.ts';
import type { PageMaps } from '../maps/render-maps.ts';
import {
  compiledTemplates,
  type LinkOptions,
  PAGE_LISTS,
  type PageList,
  type PageTemplate,
  pageLinks,
  pageTemplates,
} from './page-templates.ts';

export interface PageOptions extends LinkOptions {
  /** Folder of Nunjucks templates (`templates/`). */
  templates: string;
  /** Folder of static assets copied as they are (`public/`). */
  publicDir: string;
  /** Where to write the site (a fresh temporary folder). */
  output: string;
  /** What writes the pages' files (on a thread of its own). */
  writer: FileWriter;
  /** The SVG map a page shows, if any, given to its template as `maps[url]`. */
  maps: PageMaps;
  /** Called after each page is written, with the number written so far. */
  onPage?: (done: number) => void;
}

/** The search page's template, and the files of public/ only it uses. */
const SEARCH_TEMPLATE = 'search.njk';
const SEARCH_ASSETS = ['search.js', 'search.css'];

/** Pages in hand at a time: one waiting for its map does not hold up the others. */
const RENDERING = 16;

/** Pages rendered a pass at a time: the pass's article bodies are held, no more (each page asks for its own map). */
const PAGES_PER_PASS = 1500;

/**
 * Renders `templates/` from the archive model: each paginated template once per item of its
 * list, the others once, with Nunjucks (compiledTemplates), and copies `public/`. Reads no
 * content file, decides no URL (each page's permalink comes from the model), and article bodies
 * reach the templates as finished HTML (`article.html`, read from `bodies` a pass at a time),
 * printed as values, never run as templates. Root-relative links in every page are rewritten
 * relative to that page (pageLinks). Returns the number of pages written.
 *
 * Eleventy 3 rendered these templates before, byte for byte the same pages, at twice the CPU
 * time (a 1,000-article archive: 3.7 CPU-s against 1.8), and started in about a second.
 */
export async function writePages(archive: Archive, bodies: Bodies, options: PageOptions): Promise<number> {
  const search = siteOf(archive).search.enabled;
  const templates = (await pageTemplates(options.templates, compiledTemplates(options.templates))).filter(
    (t) => search || t.file !== SEARCH_TEMPLATE,
  );
  const passes = Math.max(1, Math.ceil(PAGE_LISTS.reduce((n, list) => n + archive[list].length, 0) / PAGES_PER_PASS));
  const slice = <T>(list: readonly T[], pass: number) => {
    const size = Math.ceil(list.length / passes);
    return list.slice(pass * size, (pass + 1) * size);
  };
  let written = 0;
  for (let pass = 0; pass < passes; pass++) {
    // The article pages of this pass with their bodies, read now.
    const articles: ArticleView[] = slice(archive.articles, pass).map((a) =>
      articleView(a, siteOf(archive, a), bodies.get(a.bodyKey).html),
    );
    const view: Archive = {
      ...archive,
      articles,
      ...Object.fromEntries(PAGE_LISTS.filter((l) => l !== 'articles').map((l) => [l, slice(archive[l], pass)])),
    };
    const data = { archive: view, site: siteOf(archive), maps: {} };
    // Every page of the pass: a paginated template's for each item (as `page` too, in its
    // language's site), the others' (the 404 page, in the default language) in the first pass.
    const pages = templates.flatMap((t): { template: PageTemplate; data: object; item?: SitePage; list?: PageList }[] => {
      if (!t.pagination) return pass === 0 ? [{ template: t, data }] : [];
      const { list, alias } = t.pagination;
      return (view[list] as SitePage[]).map((item) => ({
        template: t,
        data: { ...data, site: siteOf(archive, item), [alias]: item, page: item },
        item,
        list,
      }));
    });
    await pMap(
      pages,
      async ({ template, data, item, list }) => {
        const outputPath = (await template.permalink(data)).trim();
        const url = urlOfOutputPath(outputPath);
        // A page prints its own map only.
        const map = item && list ? await options.maps(item, list) : undefined;
        const html = await template.render(map === undefined ? data : { ...data, maps: { [item!.url]: map } }).catch((error: Error) => {
          throw new Error(`${template.file} (${url}): ${error.message}`, { cause: error });
        });
        const file = resolve(options.output, outputPath);
        // A permalink is the model's output path; one that leads out of the site is a bug, not a page.
        const inside = relative(resolve(options.output), file);
        if (!inside || inside.startsWith('..') || isAbsolute(inside))
          throw new Error(`${template.file}: refusing to write ${JSON.stringify(outputPath)}, not a path inside the site.`);
        await options.writer.write(file, pageLinks(html, url, options));
        written++;
        options.onPage?.(written);
      },
      { concurrency: RENDERING },
    );
  }
  // The static files; without search, not its script and styles.
  await cp(options.publicDir, options.output, {
    recursive: true,
    filter: (source) => search || !SEARCH_ASSETS.includes(relative(options.publicDir, source)),
  });
  return written;
}
