import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Archive } from '../../archive/archive.ts';
import type { OutputOutline } from '../write-outputs.ts';
import { articlesCsvPieces } from './articles-csv.ts';
import { articlesGeoJsonPieces } from './articles-geojson.ts';
import { articlesJsonPieces } from './articles-json.ts';
import { articleRecord, exportedArticles } from './records.ts';

/** Where the open-data files go, relative to the site root. */
export const EXPORTS_DIR = 'data';

/** The open-data files and how each is made from the model, in pieces (an article or a feature at a time). */
export const EXPORTS: readonly { file: string; pieces: (archive: Archive) => Iterable<string> }[] = [
  { file: 'articles.json', pieces: articlesJsonPieces },
  { file: 'articles.csv', pieces: articlesCsvPieces },
  { file: 'articles.geojson', pieces: articlesGeoJsonPieces },
];

/**
 * Writes the open data of the archive into `data/`: `articles.json` (everything),
 * `articles.csv` (one row per article, RFC 4180 with CRLF, UTF-8 without BOM) and
 * `articles.geojson` (one Point per article place, RFC 7946). Published and withdrawn articles
 * only, in model order; deterministic bytes (no build date, fixed key order). Each is written as
 * a stream, so a large archive's export is never held whole.
 */
export const writeExports = async (archive: Archive, dir: string): Promise<number> => {
  const out = join(dir, EXPORTS_DIR);
  await mkdir(out, { recursive: true });
  for (const { file, pieces } of EXPORTS) await pipeline(Readable.from(pieces(archive)), createWriteStream(join(out, file)));
  return EXPORTS.length;
};

/** The export files, made from the exported articles' records (and the site's settings). */
export const exportsOutline: OutputOutline = (archive) => ({
  files: EXPORTS.map(({ file }) => `${EXPORTS_DIR}/${file}`),
  inputs: JSON.stringify(exportedArticles(archive).map((a) => articleRecord(a, archive.sites[0]!.url))),
});
