import Eleventy from '@11ty/eleventy';
import type { Archive } from '../../archive/archive.ts';
import { NOT_FOUND_URL, relativeUrl, rootedUrl } from '../../archive/urls.ts';

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
      config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
      config.addGlobalData('archive', archive);
      config.addGlobalData('site', archive.site);
      config.addGlobalData('maps', options.maps);
      config.addPassthroughCopy({ [options.publicDir]: '/' });
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
