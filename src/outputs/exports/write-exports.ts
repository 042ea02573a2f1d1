import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Archive } from '../../archive/archive.ts';
import type { OutputWriter } from '../write-outputs.ts';
import { articlesCsv } from './articles-csv.ts';
import { articlesGeoJson } from './articles-geojson.ts';
import { articlesJson } from './articles-json.ts';

/** Where the open-data files go, relative to the site root. */
export const EXPORTS_DIR = 'data';

/** The open-data files and how each is made from the model. */
export const EXPORTS: readonly { file: string; render: (archive: Archive) => string }[] = [
  { file: 'articles.json', render: articlesJson },
  { file: 'articles.csv', render: articlesCsv },
  { file: 'articles.geojson', render: articlesGeoJson },
];

/**
 * Writes the open data of the archive into `data/`: `articles.json` (everything),
 * `articles.csv` (one row per article, RFC 4180 with CRLF, UTF-8 without BOM) and
 * `articles.geojson` (one Point per article place, RFC 7946). Published and withdrawn articles
 * only, in model order; deterministic bytes (no build date, fixed key order).
 */
export const writeExports: OutputWriter = async (archive, dir) => {
  const out = join(dir, EXPORTS_DIR);
  await mkdir(out, { recursive: true });
  for (const { file, render } of EXPORTS) await writeFile(join(out, file), render(archive), 'utf8');
  return EXPORTS.length;
};
