import type { Archive } from '../archive/archive.ts';
import { buildArchive, type RenderedArticle } from '../archive/build-archive.ts';
import { loadCatalogues } from '../catalogues/catalogue.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { entryOf, readArticleState, releaseShards } from '../pipeline/article-state.ts';
import { cachedMediaInfo } from '../pipeline/media.ts';
import { readManifest } from '../pipeline/output-manifest.ts';
import { readCatalogueFiles, readConfig, readPlaceFiles } from '../pipeline/read-project.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';

/**
 * The archive model of the site the last build wrote, made again from that build's article state
 * (each file's check and what the model keeps of its render) and the places and topics: no article file is
 * read, checked or rendered. What `dateline serve` previews title and summary saves against,
 * made on a worker thread after each build (teaserPages), or after a start that found the site
 * up to date. Undefined when the state is not the one of the build that wrote the site, or the
 * settings, places or topics have a message (a build will say).
 */
export async function lastBuildModel(root: string, cacheDir: string, overrides: Partial<SiteConfig> = {}): Promise<Archive | undefined> {
  const { config, messages } = await readConfig(root, overrides);
  const [state, manifest] = await Promise.all([readArticleState(cacheDir), readManifest(cacheDir)]);
  if (messages.length > 0 || !state || !manifest || state.fingerprint !== manifest.fingerprint) return undefined;
  const places = loadGazetteer(readPlaceFiles(root, config));
  const catalogues = loadCatalogues({
    config,
    ...readCatalogueFiles(root, config),
  });
  if (places.messages.length > 0 || catalogues.messages.length > 0) return undefined;
  const rendered: RenderedArticle[] = [];
  try {
    for (const file of Object.keys(state.files)) {
      const entry = entryOf(state, file);
      if (!entry) return undefined;
      if (!entry.article) continue;
      const { body: _body, ...meta } = entry.article;
      // As the build had it (prepareArticles): a body it did not publish has no render.
      const render =
        entry.render && (meta.status !== 'draft' || config.drafts) ? entry.render : { firstParagraph: '', key: '', textKey: '' };
      rendered.push({ ...meta, firstParagraph: render.firstParagraph, bodyKey: render.key, textKey: render.textKey });
    }
  } finally {
    releaseShards(state);
  }
  // The lead images as that build read them.
  return buildArchive(rendered, places.gazetteer, config, catalogues.catalogues, await cachedMediaInfo(cacheDir)).archive;
}
