import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Archive, siteOf } from '../../src/archive/archive.ts';
import { NOT_FOUND_URL } from '../../src/archive/urls.ts';
import type { Bodies } from '../../src/markdown/bodies.ts';
import { articleMap, renderMaps } from '../../src/outputs/maps/render-maps.ts';
import { articlePageRenderer, pageRenderer } from '../../src/outputs/pages/page-templates.ts';
import { buildModel } from '../../src/pipeline/build-model.ts';
import { readProject } from '../../src/pipeline/read-project.ts';
import { repoRoot, sharedOutInSetup } from '../helpers/site.ts';

const example = sharedOutInSetup('example');
const templates = join(repoRoot, 'templates');
let archive: Archive;
let bodies: Bodies;
let links: { portableLinks: boolean; baseUrl: string };
beforeAll(async () => {
  const project = await readProject(repoRoot);
  ({ archive, bodies } = await buildModel(project, { render: true }));
  links = { portableLinks: project.config.links === 'portable', baseUrl: project.config.url };
});
const built = (outputPath: string) => readFile(join(example(), outputPath), 'utf8');

describe('single pages rendered without Eleventy (what serve shows on a save)', () => {
  it('are byte for byte the article pages the build wrote, for every article of the example', async () => {
    const render = await articlePageRenderer(templates, links);
    expect(archive.articles.length).toBeGreaterThan(0);
    for (const page of archive.articles) {
      const html = await render(siteOf(archive, page), page, bodies.get(page.bodyKey).html, articleMap(page));
      expect(html, page.url).toBe(await built(page.outputPath));
    }
  });

  it('are byte for byte every listing, index, home, search and 404 page the build wrote', async () => {
    const { render } = pageRenderer(templates, links);
    const maps = renderMaps({ ...archive, articles: [] });
    expect(archive.listings.length).toBeGreaterThan(10);
    for (const listing of archive.listings) {
      const html = await render('listing.njk', { archive, site: siteOf(archive, listing), maps, item: listing, url: listing.url });
      expect(html, listing.url).toBe(await built(listing.outputPath));
    }
    for (const index of archive.indexes) {
      const html = await render('index-page.njk', { archive, site: siteOf(archive, index), maps, item: index, url: index.url });
      expect(html, index.url).toBe(await built(index.outputPath));
    }
    const site = archive.sites[0]!;
    const [home, search] = [archive.homes[0]!, archive.searches[0]!];
    expect(await render('index.njk', { archive, site, maps, item: home, url: home.url })).toBe(await built('index.html'));
    expect(await render('search.njk', { archive, site, maps, item: search, url: search.url })).toBe(await built('search/index.html'));
    expect(await render('404.njk', { archive, site, maps, url: NOT_FOUND_URL })).toBe(await built('404.html'));
  });
});
