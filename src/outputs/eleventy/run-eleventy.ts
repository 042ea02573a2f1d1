import { join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Archive } from '../../archive/archive.ts';
import { NOT_FOUND_URL, relativeUrl, rootedUrl } from '../../archive/urls.ts';

/** The search page's template, and the files of public/ only it uses. */
const SEARCH_TEMPLATE = 'search.njk';
const SEARCH_ASSETS = ['search.js', 'search.css'];

export interface EleventyOptions {
  /** Folder of Nunjucks templates (`templates/`). */
  templates: string;
  /** Folder of static assets copied as they are (`public/`). */
  publicDir: string;
  /** Where to write the site (a fresh temporary folder). */
  output: string;
  /** Links to `…/index.html` (browse from disk) rather than `…/`. */
  portableLinks: boolean;
  /** The site's absolute base URL (its path roots the 404 page's links). */
  baseUrl: string;
  /** SVG maps by the URL of the page that shows them. */
  maps: Record<string, string>;
  /** Called after each page is rendered, with the number rendered so far. */
  onPage?: (done: number) => void;
}

/**
 * Renders `templates/` from the archive model with Eleventy 3. Eleventy only renders: it reads no
 * content files and no config file, decides no URL (each page's permalink comes from the model),
 * and article bodies reach it as finished HTML, printed as values, never run as templates.
 * Root-relative links in every page are rewritten relative to that page.
 */
export async function runEleventy(archive: Archive, options: EleventyOptions): Promise<number> {
  const eleventy = new Eleventy(options.templates, options.output, {
    quietMode: true,
    configPath: false,
    config(config: any) {
      // Eleventy's benchmark groups made before quietMode applies still warn on stderr; our
      // own report times the stages.
      config.benchmarkManager.setVerboseOutput(false);
      for (const group of Object.values(config.benchmarkManager.getAll() as Record<string, { setIsVerbose(v: boolean): void }>)) group.setIsVerbose(false);
      config.setTemplateFormats(['njk']);
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
      config.addGlobalData('maps', options.maps);
      // Without search: no search page, and not its script and styles.
      if (!archive.site.search.enabled) config.ignores.add(join(options.templates, SEARCH_TEMPLATE));
      config.addPassthroughCopy({ [options.publicDir]: '/' }, archive.site.search.enabled ? {} : { filter: (file: string) => !SEARCH_ASSETS.includes(file) });
      let rendered = 0;
      config.addTransform('dateline-progress', (content: string) => {
        options.onPage?.(++rendered);
        return content;
      });
      // Plugins run after Eleventy's defaults, which is where `htmlTransformer` is attached.
      config.addPlugin((c: any) =>
        c.htmlTransformer.addUrlTransform('html', function (this: { url: string }, url: string) {
          return this.url === NOT_FOUND_URL ? rootedUrl(url, options.baseUrl) : relativeUrl(url, this.url, options.portableLinks);
        }),
      );
    },
  });
  eleventy.disableLogger();
  const results = (await eleventy.write()) as unknown as [unknown[], { outputPath?: string }[]] | { outputPath?: string }[];
  const written = Array.isArray(results[0]) ? (results as [unknown[], { outputPath?: string }[]])[1] : (results as { outputPath?: string }[]);
  return written.filter((r) => r && r.outputPath).length;
}

type Render = (data: object) => Promise<string>;

/** Nunjucks templates compiled once each (by source and path), rendering with autoescape on. */
function compiledTemplates(templates: string): (source: string, path: string | undefined) => Render {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(templates, '_includes'), templates]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  const cache = new Map<string, Render>();
  return (source, path) => {
    const key = `${path ?? ''}\0${source}`;
    let render = cache.get(key);
    if (!render) {
      const template = new nunjucks.Template(source, env, path, true);
      render = (data) =>
        new Promise((resolve, reject) => template.render(data, (error, result) => (error ? reject(error) : resolve(result ?? ''))));
      cache.set(key, render);
    }
    return render;
  };
}
