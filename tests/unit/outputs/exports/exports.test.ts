import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { articlesCsv, CSV_COLUMNS } from '../../../../src/outputs/exports/articles-csv.ts';
import { articlesGeoJson, articlesGeoJsonPieces, buildArticlesGeoJson } from '../../../../src/outputs/exports/articles-geojson.ts';
import { articlesJson, articlesJsonPieces, buildArticlesJson } from '../../../../src/outputs/exports/articles-json.ts';
import { exportedArticles } from '../../../../src/outputs/exports/records.ts';
import { archiveOf, article, HOSTILE_TITLES } from './small-archive.ts';

const andarab = article('andarab-resistance', '2021-08-22', {
  title: 'Resistance holds three Andarab districts',
  summary: 'A summary, with a comma.',
  date: {
    datetime: '2021-08-22T14:30:00+04:30',
    day: '22 August 2021',
    time: '14:30 UTC+4:30',
    utc: '2021-08-22T10:00:00Z',
    hasTime: true,
  },
  updated: { datetime: '2021-08-23', day: '23 August 2021', utc: '2021-08-22T19:30:00Z', hasTime: false },
  placeIds: ['af/baghlan/banu', 'af/baghlan/pol-e-hesar'],
  places: [
    { id: 'af/baghlan/banu', name: 'Banu', url: '/places/af/baghlan/banu/' },
    { id: 'af/baghlan/pol-e-hesar', name: 'Pol-e-Hesar', url: '/places/af/baghlan/pol-e-hesar/' },
    { id: 'af/baghlan', name: 'Baghlan', url: '/places/af/baghlan/' },
  ],
  points: [
    { id: 'af/baghlan/banu', name: 'Banu', lat: 35.63348, lon: 69.26019, url: '/places/af/baghlan/banu/' },
    { id: 'af/baghlan/pol-e-hesar', name: 'Pol-e-Hesar', lat: 35.61794, lon: 69.47134, url: '/places/af/baghlan/pol-e-hesar/' },
  ],
  topics: [
    { name: 'andarab', url: '/topics/andarab/' },
    { name: 'taliban', url: '/topics/taliban/' },
  ],
  sources: [
    {
      publisher: 'Republic World',
      url: 'https://example.org/r',
      date: { datetime: '2021-08-22', day: '22 August 2021', utc: '2021-08-21T19:30:00Z', hasTime: false },
    },
  ],
  corrections: [
    { date: { datetime: '2021-08-23', day: '23 August 2021', utc: '2021-08-22T19:30:00Z', hasTime: false }, text: 'Fixed a name.' },
  ],
});
const ida = article('hurricane-ida', '2021-08-29', {
  title: 'Ida, "Category 4", makes landfall',
  datelinePlace: 'Port Fourchon, Louisiana',
  placeIds: ['us/louisiana/port-fourchon'],
  places: [{ id: 'us/louisiana/port-fourchon', name: 'Port Fourchon', url: '/places/us/louisiana/port-fourchon/' }],
  points: [
    { id: 'us/louisiana/port-fourchon', name: 'Port Fourchon', lat: 29.37911, lon: -90.26008, url: '/places/us/louisiana/port-fourchon/' },
  ],
});
const withdrawn = article('withdrawn-report', '2021-08-20', { withdrawn: true, points: [], topics: [] });
const draft = article('draft-report', '2021-08-25', { title: 'Draft, not for export', status: 'draft' });
// Newest first, as the model orders them; the draft is not listed (buildArchive lists published articles only).
const archive = archiveOf([ida, draft, andarab, withdrawn], [ida, andarab]);

describe('exportedArticles', () => {
  it('keeps published and withdrawn articles in model order and leaves drafts out', () => {
    expect(exportedArticles(archive).map((a) => a.url)).toEqual([ida.url, andarab.url, withdrawn.url]);
  });
});

describe('articles.json', () => {
  const text = articlesJson(archive);
  const data = JSON.parse(text);

  it('is pretty-printed with two spaces and ends in one newline', () => {
    expect(text.startsWith('{\n  "title": "Small",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('credits GeoNames for place data, under CC BY 4.0', () => {
    expect(data.placeData).toMatchObject({
      source: 'GeoNames',
      license: 'CC-BY-4.0',
      licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(data.url).toBe('https://news.example/archive/');
    expect(data.count).toBe(3);
  });

  it('writes every field, with absolute URLs resolved under the site URL’s path', () => {
    const a = data.articles[1];
    expect(Object.keys(a)).toEqual([
      'url',
      'path',
      'title',
      'summary',
      'excerpt',
      'lang',
      'dir',
      'date',
      'hasTime',
      'utc',
      'updated',
      'updatedUtc',
      'withdrawn',
      'dateline',
      'placeIds',
      'places',
      'points',
      'topics',
      'authors',
      'image',
      'sources',
      'corrections',
    ]);
    expect(a).toMatchObject({
      url: 'https://news.example/archive/2021/08/22/andarab-resistance/',
      path: '/2021/08/22/andarab-resistance/',
      summary: 'A summary, with a comma.',
      date: '2021-08-22T14:30:00+04:30',
      hasTime: true,
      utc: '2021-08-22T10:00:00Z',
      updated: '2021-08-23',
      updatedUtc: '2021-08-22T19:30:00Z',
      withdrawn: false,
      placeIds: ['af/baghlan/banu', 'af/baghlan/pol-e-hesar'],
    });
    expect(a.places[2]).toEqual({ id: 'af/baghlan', name: 'Baghlan', url: 'https://news.example/archive/places/af/baghlan/' });
    expect(a.points[1]).toEqual({ id: 'af/baghlan/pol-e-hesar', name: 'Pol-e-Hesar', lat: 35.61794, lon: 69.47134 });
    expect(a.topics[1]).toEqual({ name: 'taliban', url: 'https://news.example/archive/topics/taliban/' });
    expect(a.sources).toEqual([{ publisher: 'Republic World', title: null, url: 'https://example.org/r', date: '2021-08-22' }]);
    expect(a.corrections).toEqual([{ date: '2021-08-23', text: 'Fixed a name.' }]);
    expect(data.articles[0].summary).toBeNull();
    expect(data.articles[2].withdrawn).toBe(true);
  });

  it('is the same for the same model, and leaves out the body HTML and file paths', () => {
    expect(articlesJson(archiveOf([ida, draft, andarab, withdrawn], [ida, andarab]))).toBe(text);
    expect(text).not.toContain('<p>Body</p>');
    expect(text).not.toContain('content/');
  });

  it('round-trips hostile titles exactly', () => {
    const hostile = HOSTILE_TITLES.map((title, i) => article(`t${i}`, '2021-08-22', { title }));
    expect(buildArticlesJson(archiveOf(hostile)).articles.map((a) => a.title)).toEqual(HOSTILE_TITLES);
    expect(JSON.parse(articlesJson(archiveOf(hostile))).articles.map((a: { title: string }) => a.title)).toEqual(HOSTILE_TITLES);
  });
});

describe('articles.csv', () => {
  const text = articlesCsv(archive);
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: false });

  it('has a header and one row per exported article, CRLF line ends, no byte-order mark', () => {
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/\n/);
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
  });

  it('quotes a title with a comma and double quotes (RFC 4180), and it round-trips', () => {
    expect(text).toContain('"Ida, ""Category 4"", makes landfall"');
    expect(rows[0]!.title).toBe('Ida, "Category 4", makes landfall');
  });

  it('joins multi-valued fields with "; " and writes points as "lat lon"', () => {
    const a = rows[1]!;
    expect(a.place_ids).toBe('af/baghlan/banu; af/baghlan/pol-e-hesar');
    expect(a.place_names).toBe('Banu; Pol-e-Hesar');
    expect(a.topics).toBe('andarab; taliban');
    expect(a.point_ids).toBe('af/baghlan/banu; af/baghlan/pol-e-hesar');
    expect(a.points).toBe('35.63348 69.26019; 35.61794 69.47134');
    expect(a.sources).toBe('Republic World');
    expect(a.date).toBe('2021-08-22T14:30:00+04:30');
    expect(a.withdrawn).toBe('false');
    expect(rows[2]!.withdrawn).toBe('true');
    expect(rows[2]!.points).toBe('');
    expect(rows[0]!.points).toBe('29.37911 -90.26008');
  });

  it('round-trips hostile titles exactly, with newlines, quotes, markup and formulas untouched', () => {
    const hostile = HOSTILE_TITLES.map((title, i) => article(`t${i}`, '2021-08-22', { title, summary: title }));
    const parsed: Record<string, string>[] = parse(articlesCsv(archiveOf(hostile)), { columns: true });
    expect(parsed.map((r) => r.title)).toEqual(HOSTILE_TITLES);
    expect(parsed.map((r) => r.summary)).toEqual(HOSTILE_TITLES);
  });
});

describe('articles.geojson', () => {
  const text = articlesGeoJson(archive);
  const geo = JSON.parse(text);

  it('is an RFC 7946 FeatureCollection with no crs member, ending in a newline', () => {
    expect(geo.type).toBe('FeatureCollection');
    expect(geo).not.toHaveProperty('crs');
    expect(text.endsWith('}\n')).toBe(true);
    expect(geo.attribution).toMatch(/GeoNames.*CC BY 4\.0/);
  });

  it('has one Point Feature per article place, longitude first', () => {
    expect(geo.features.map((f: { properties: { placeId: string } }) => f.properties.placeId)).toEqual([
      'us/louisiana/port-fourchon',
      'af/baghlan/banu',
      'af/baghlan/pol-e-hesar',
    ]);
    const banu = geo.features[1];
    expect(banu.type).toBe('Feature');
    expect(banu.geometry).toEqual({ type: 'Point', coordinates: [69.26019, 35.63348] });
    expect(geo.features[0].geometry.coordinates).toEqual([-90.26008, 29.37911]);
    expect(banu.properties).toEqual({
      url: 'https://news.example/archive/2021/08/22/andarab-resistance/',
      title: 'Resistance holds three Andarab districts',
      date: '2021-08-22T14:30:00+04:30',
      utc: '2021-08-22T10:00:00Z',
      lang: 'en',
      withdrawn: false,
      placeId: 'af/baghlan/banu',
      placeName: 'Banu',
    });
  });

  it('leaves out a point that is not a valid position rather than writing it wrong', () => {
    const bad = article('bad', '2021-08-22', {
      points: [
        { id: 'x/a', name: 'A', lat: 95, lon: 10, url: '/places/x/a/' },
        { id: 'x/b', name: 'B', lat: Number.NaN, lon: 10, url: '/places/x/b/' },
        { id: 'x/c', name: 'C', lat: -33.9, lon: 151.2, url: '/places/x/c/' },
      ],
    });
    expect(buildArticlesGeoJson(archiveOf([bad])).features.map((f) => f.geometry.coordinates)).toEqual([[151.2, -33.9]]);
  });
});

describe('the exports written as streams', () => {
  it('are, piece by piece, the same bytes as the whole documents, with articles and without', () => {
    for (const a of [archive, archiveOf([], [])]) {
      expect([...articlesJsonPieces(a)].join('')).toBe(articlesJson(a));
      expect([...articlesGeoJsonPieces(a)].join('')).toBe(articlesGeoJson(a));
    }
    expect([...articlesJsonPieces(archive)].length).toBe(exportedArticles(archive).length + 1);
    expect(articlesCsv(archiveOf([], []))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
