import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.ts';
import type { Bodies } from '../../src/markdown/bodies.ts';
import { mapsHere } from '../../src/outputs/maps/render-maps.ts';
import { writePages } from '../../src/outputs/pages/write-pages.ts';
import { buildModel } from '../../src/pipeline/build-model.ts';
import { readProject } from '../../src/pipeline/read-project.ts';
import { makeTemp, removeTemps, repoRoot, withFileWriter } from '../helpers/site.ts';

let archive: Archive;
let bodies: Bodies;
beforeAll(async () => {
  ({ archive, bodies } = await buildModel(await readProject(repoRoot), { render: true }));
});
afterAll(removeTemps);

/** The repository's templates, with `article.njk` changed by `f`. */
async function templatesWith(f: (text: string) => string): Promise<string> {
  const templates = await makeTemp();
  await cp(join(repoRoot, 'templates'), templates, { recursive: true });
  const article = join(templates, 'article.njk');
  await writeFile(article, f(await readFile(article, 'utf8')));
  return templates;
}

const write = async (templates: string) => {
  const output = await makeTemp();
  return withFileWriter((writer) =>
    writePages(archive, bodies, {
      templates,
      publicDir: join(repoRoot, 'public'),
      output,
      writer,
      portableLinks: true,
      baseUrl: archive.sites[0]!.url,
      maps: mapsHere,
    }),
  );
};

describe('writePages, given templates it cannot follow', () => {
  it('refuses a permalink that leads out of the site', async () => {
    const templates = await templatesWith((t) =>
      t.replace('permalink: "{{ article.outputPath }}"', 'permalink: "../{{ article.outputPath }}"'),
    );
    await expect(write(templates)).rejects.toThrow(/article\.njk: refusing to write "\.\.\/2021\/.*", not a path inside the site/);
  });

  it('refuses pagination it does not do, and a template without a permalink, naming the file', async () => {
    await expect(write(await templatesWith((t) => t.replace('  size: 1', '  size: 2')))).rejects.toThrow(
      /article\.njk: `pagination` must be/,
    );
    await expect(write(await templatesWith((t) => t.replace('permalink: "{{ article.outputPath }}"\n', '')))).rejects.toThrow(
      /article\.njk: its front matter needs a `permalink`/,
    );
  });

  it('writes every page of the repository templates', async () => {
    const pages = await write(join(repoRoot, 'templates'));
    expect(pages).toBe(archive.articles.length + archive.listings.length + archive.indexes.length + 3);
  });
});
