import { stringify } from 'csv-stringify/sync';
import type { Archive } from '../../archive/archive.ts';
import { articleRecord, exportedArticles } from './records.ts';

/** Separator of the values of a multi-valued column. */
export const LIST_SEPARATOR = '; ';

/** The columns of `articles.csv`, in order. */
export const CSV_COLUMNS = [
  'url',
  'title',
  'summary',
  'excerpt',
  'lang',
  'date',
  'utc',
  'updated',
  'withdrawn',
  'dateline',
  'place_ids',
  'place_names',
  'topics',
  'authors',
  'image',
  'point_ids',
  'points',
  'sources',
] as const;

/**
 * `/data/articles.csv`: one row per published or withdrawn article (newest first) under a
 * header row. RFC 4180: comma-separated, CRLF line ends (also after the last row), a field is
 * double-quoted when it holds a comma, a double quote (doubled), CR or LF; UTF-8 with no
 * byte-order mark. Values are written exactly as they are (no spreadsheet formula escaping), so
 * they round-trip through any CSV parser.
 *
 * Multi-valued columns join their values with `; `: `place_ids` and `place_names` (the places
 * the article names, aligned), `topics`, `sources` (publishers), and `point_ids` with `points`
 * (aligned), each point `lat lon` in decimal degrees (`35.63348 69.26019; 35.61794 69.47134`).
 * `date` is `2021-08-22T14:30:00+04:30`, or `2021-08-22` for a day; `utc` is the instant (a
 * day's start in the article's zone); `withdrawn` is `true` or `false`. The JSON export has the
 * same data without the joining.
 */
export function articlesCsv(archive: Archive): string {
  return [...articlesCsvPieces(archive)].join('');
}

/** The CSV writer's settings: RFC 4180 with CRLF after every row, no byte-order mark. */
const CSV_OPTIONS = {
  columns: [...CSV_COLUMNS],
  record_delimiter: 'windows',
  quote: '"',
  escape: '"',
  delimiter: ',',
  bom: false,
  eof: true,
} as const;

/** `articlesCsv` in pieces: the header, then a row at a time, for writing as a stream. */
export function* articlesCsvPieces(archive: Archive): Generator<string> {
  yield stringify([], { ...CSV_OPTIONS, header: true });
  for (const article of exportedArticles(archive)) {
    const r = articleRecord(article, archive.sites[0]!.url);
    const nameOf = new Map(r.places.map((p) => [p.id, p.name]));
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      url: r.url,
      title: r.title,
      summary: r.summary ?? '',
      excerpt: r.excerpt,
      lang: r.lang,
      date: r.date,
      utc: r.utc,
      updated: r.updated ?? '',
      withdrawn: String(r.withdrawn),
      dateline: r.dateline,
      place_ids: r.placeIds.join(LIST_SEPARATOR),
      place_names: r.placeIds.map((id) => nameOf.get(id) ?? id).join(LIST_SEPARATOR),
      topics: r.topics.map((t) => t.name).join(LIST_SEPARATOR),
      authors: r.authors.map((a) => a.name).join(LIST_SEPARATOR),
      image: r.image?.url ?? '',
      point_ids: r.points.map((p) => p.id).join(LIST_SEPARATOR),
      points: r.points.map((p) => `${p.lat} ${p.lon}`).join(LIST_SEPARATOR),
      sources: r.sources.map((s) => s.publisher).join(LIST_SEPARATOR),
    };
    yield stringify([row], { ...CSV_OPTIONS, header: false });
  }
}
