import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { articleUrl, outputPathOf } from '../archive/urls.ts';
import { checkArticle } from '../content/validate-article.ts';
import { renderArticleBody } from '../markdown/render-markdown.ts';
import { articlePageRenderer } from '../outputs/eleventy/page-templates.ts';
import { articleMap } from '../outputs/maps/render-maps.ts';
import { entryOf, readArticleState } from '../pipeline/article-state.ts';
import { pageStore, readSnapshot } from '../pipeline/model-snapshot.ts';
import { readManifest } from '../pipeline/output-manifest.ts';
import { readConfig, readPlaceFiles } from '../pipeline/read-project.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';

/** A page as it will be once the build under way has written it. */
export interface SavePreview {
  /** The page's URL (`/2021/08/22/andarab-resistance/`). */
  url: string;
  html: string;
}

/** The preview of a saved article file (its absolute path), or undefined when the build alone can say. */
export type SavePreviewer = (path: string) => Promise<SavePreview | undefined>;

/**
 * What `dateline serve` shows the moment an article file is saved, before the build that writes
 * it has finished: when only the body changed (the same metadata, messages and excerpt as the
 * last build checked, so no other page changes), the article's page, rendered from the last
 * build's view of it with the new body, byte for byte as the build will write it. Undefined for
 * any other save, or when the last build's state, manifest and snapshot are not all of the one
 * build that wrote the site. Made for one configuration, gazetteer and set of templates: a save
 * of any of them needs a new previewer.
 */
export async function savePreviewer(root: string, cacheDir: string, templates: string): Promise<SavePreviewer> {
  const { config, messages } = await readConfig(root);
  const places = loadGazetteer(readPlaceFiles(root, config));
  if (messages.length > 0 || places.messages.length > 0) return async () => undefined;
  const context = { gazetteer: places.gazetteer, timezone: config.timezone, lang: config.lang };
  const render = await articlePageRenderer(templates, { portableLinks: config.links === 'portable', baseUrl: config.url });
  // Loads the Markdown pipeline now rather than on the first save.
  renderArticleBody('Dateline');
  return async (path) => {
    const file = relative(root, path).split(sep).join('/');
    const [state, manifest, snapshot] = await Promise.all([readArticleState(cacheDir), readManifest(cacheDir), readSnapshot(cacheDir)]);
    if (!state || !snapshot || !manifest || state.fingerprint !== manifest.fingerprint || snapshot.fingerprint !== manifest.fingerprint) return undefined;
    const old = entryOf(state, file);
    if (!old?.article || old.article.body !== undefined || !old.render) return undefined;
    const bytes = new Uint8Array(await readFile(path).catch(() => new Uint8Array()));
    const now = checkArticle({ file, bytes }, context);
    if (!now.article) return undefined;
    const { body, ...meta } = now.article;
    if (JSON.stringify(meta) !== JSON.stringify(old.article) || JSON.stringify(now.messages) !== JSON.stringify(old.messages)) return undefined;
    const url = articleUrl(meta.date, meta.slug);
    const hash = manifest.files[outputPathOf(url)];
    const page = hash === undefined ? undefined : pageStore(cacheDir).get(hash);
    if (!page) return undefined;
    const rendered = renderArticleBody(body);
    // The excerpt is printed by listings and feeds too: those wait for the build.
    if (rendered.firstParagraph !== old.render.firstParagraph) return undefined;
    return { url, html: await render(snapshot.site, page, rendered.html, articleMap(page)) };
  };
}
