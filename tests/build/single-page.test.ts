import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articlePageRenderer } from '../../src/outputs/eleventy/page-templates.ts';
import { articleMap } from '../../src/outputs/maps/render-maps.ts';
import { buildModel } from '../../src/pipeline/build-model.ts';
import { readProject } from '../../src/pipeline/read-project.ts';
import { repoRoot, sharedOutInSetup } from '../helpers/site.ts';

const example = sharedOutInSetup('example');

describe('one article page rendered without Eleventy (what serve shows on a save)', () => {
  it('is byte for byte the page the build wrote, for every article of the example', async () => {
    const project = await readProject(repoRoot);
    const { archive, bodies } = await buildModel(project, { render: true });
    const { config } = project;
    const render = await articlePageRenderer(join(repoRoot, 'templates'), { portableLinks: config.links === 'portable', baseUrl: config.url });
    expect(archive.articles.length).toBeGreaterThan(0);
    for (const page of archive.articles) {
      const html = await render(archive.site, page, bodies.get(page.bodyKey).html, articleMap(page));
      expect(html, page.url).toBe(await readFile(join(example(), page.outputPath), 'utf8'));
    }
  });
});
