import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/outputs/exports/articles-csv.ts';
import { type BuiltSite, buildSite, copyFixture, exampleSite, fixture, removeTemps } from '../helpers/site.ts';

interface Feature {
  type: string;
  geometry: { type: string; coordinates: number[] };
  properties: Record<string, unknown>;
}

const read = (site: BuiltSite, file: string) => readFile(join(site.out, 'data', file), 'utf8');
type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;
const readCsv = async (site: BuiltSite): Promise<CsvRow[]> => parse(await read(site, 'articles.csv'), { columns: true, bom: false });

let site: BuiltSite;
beforeAll(async () => {
  site = await exampleSite();
  expect(site.report.ok).toBe(true);
});
afterAll(removeTemps);

describe('open data of the example archive', () => {
  it('writes the three files into data/', async () => {
    const files = await site.files();
    expect(files).toEqual(expect.arrayContaining(['data/articles.json', 'data/articles.csv', 'data/articles.geojson']));
  });

  it('articles.json lists the 10 articles in model order with absolute URLs and the GeoNames credit', async () => {
    const text = await read(site, 'articles.json');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.charCodeAt(0)).toBe('{'.charCodeAt(0));
    const data = JSON.parse(text);
    expect(data.articles).toHaveLength(10);
    expect(data.count).toBe(10);
    expect(data.placeData).toMatchObject({ source: 'GeoNames', license: 'CC-BY-4.0' });
    expect(data.articles.map((a: { path: string }) => a.path)).toEqual(site.report.archive!.articles.map((a) => a.url));
    const andarab = data.articles.find((a: { path: string }) => a.path === '/2021/08/22/andarab-resistance/');
    expect(andarab).toMatchObject({
      url: 'https://dateline.example.org/2021/08/22/andarab-resistance/',
      title: 'Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum',
      lang: 'en',
      date: '2021-08-22',
      utc: '2021-08-21T19:30:00Z',
      withdrawn: false,
      placeIds: ['af/baghlan/banu', 'af/baghlan/pol-e-hesar', 'af/baghlan/de-salah'],
    });
    expect(andarab.places.map((p: { id: string }) => p.id)).toContain('af/baghlan/andarab');
    expect(andarab.points[0]).toMatchObject({ id: 'af/baghlan/banu', name: 'Banu' });
    const persian = data.articles.find((a: { lang: string }) => a.lang === 'fa');
    expect(persian.title).toBe('طالبان مدعی تصرف پنجشیر شدند؛ جبهه مقاومت ملی این ادعا را رد کرد');
    expect(persian.dir).toBe('rtl');
  });

  it('articles.csv parses to one row per article with every column, and quoted titles round-trip', async () => {
    const raw = await read(site, 'articles.csv');
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    expect(raw.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = await readCsv(site);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(Object.keys(row)).toEqual([...CSV_COLUMNS]);

    const data = JSON.parse(await read(site, 'articles.json'));
    expect(rows.map((r) => r.title)).toEqual(data.articles.map((a: { title: string }) => a.title));
    expect(rows.map((r) => r.url)).toEqual(data.articles.map((a: { url: string }) => a.url));

    const comma = 'Last US military flight leaves Kabul, ending 20-year presence in Afghanistan';
    expect(raw).toContain(`,"${comma}",`);
    expect(rows.find((r) => r.url.endsWith('/last-us-flight-leaves-kabul/'))!.title).toBe(comma);
    expect(rows.find((r) => r.url.endsWith('/haiti-earthquake/'))!.title).toBe(
      "Magnitude 7.2 earthquake strikes Haiti's southwestern peninsula",
    );

    const andarab = rows.find((r) => r.url.endsWith('/andarab-resistance/'))!;
    expect(andarab.place_ids).toBe('af/baghlan/banu; af/baghlan/pol-e-hesar; af/baghlan/de-salah');
    expect(andarab.place_names).toBe('Banu; Pol-e-Hesar; De Salah');
    const points = andarab.points.split('; ').map((p) => p.split(' ').map(Number));
    expect(points).toHaveLength(3);
    expect(points[0]![0]).toBeCloseTo(35.63, 1);
    expect(points[0]![1]).toBeCloseTo(69.26, 1);
  });

  it('articles.geojson is a FeatureCollection of points, longitude first, all in range', async () => {
    const text = await read(site, 'articles.geojson');
    expect(text.endsWith('}\n')).toBe(true);
    const geo = JSON.parse(text);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo).not.toHaveProperty('crs');
    const features: Feature[] = geo.features;
    const data = JSON.parse(await read(site, 'articles.json'));
    expect(features).toHaveLength(data.articles.reduce((n: number, a: { points: unknown[] }) => n + a.points.length, 0));

    const banu = features.find(
      (f) => f.properties.placeId === 'af/baghlan/banu' && String(f.properties.url).endsWith('/andarab-resistance/'),
    )!;
    expect(banu.type).toBe('Feature');
    expect(banu.geometry.type).toBe('Point');
    expect(banu.geometry.coordinates).toHaveLength(2);
    expect(banu.geometry.coordinates[0]).toBeCloseTo(69.3, 1);
    expect(banu.geometry.coordinates[1]).toBeCloseTo(35.6, 1);
    expect(banu.properties).toMatchObject({
      url: 'https://dateline.example.org/2021/08/22/andarab-resistance/',
      placeName: 'Banu',
      date: '2021-08-22',
    });

    // Port Fourchon is in the western hemisphere: a swapped pair would put it out of range or in Asia.
    const fourchon = features.find((f) => f.properties.placeId === 'us/louisiana/port-fourchon')!;
    expect(fourchon.geometry.coordinates[0]).toBeCloseTo(-90.26, 1);
    expect(fourchon.geometry.coordinates[1]).toBeCloseTo(29.38, 1);

    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(lon).toBeGreaterThanOrEqual(-180);
      expect(lon).toBeLessThanOrEqual(180);
      expect(lat).toBeGreaterThanOrEqual(-90);
      expect(lat).toBeLessThanOrEqual(90);
    }
  });
});

describe('open data of the hostile fixture', () => {
  const titles = [
    "<script>alert('title')</script> Scripts & handlers",
    '{{ 7 * 7 }} and {% raw %}',
    'Windows line ends and a byte-order mark',
  ];
  let hostile: BuiltSite;
  beforeAll(async () => {
    hostile = await buildSite(fixture('hostile'));
    expect(hostile.report.ok).toBe(true);
  });

  it('round-trips titles with markup, ampersands and template tags exactly, in JSON and CSV', async () => {
    const data = JSON.parse(await read(hostile, 'articles.json'));
    const jsonTitles = data.articles.map((a: { title: string }) => a.title);
    expect([...jsonTitles].sort()).toEqual([...titles].sort());
    const rows = await readCsv(hostile);
    expect(rows.map((r) => r.title)).toEqual(jsonTitles);
    const summary = data.articles.find((a: { title: string }) => a.title.startsWith('<script>')).summary;
    expect(summary).toBe('A summary with <b>tags</b> & an ampersand');
    expect(rows.find((r) => r.title.startsWith('<script>'))!.summary).toBe(summary);
  });

  it('writes no HTML escapes or evaluated templates into the data', async () => {
    for (const file of ['articles.json', 'articles.csv', 'articles.geojson']) {
      const text = await read(hostile, file);
      expect(text).not.toContain('&lt;');
      expect(text).not.toContain('&amp;');
      expect(text).not.toMatch(/\b49 and/);
    }
  });
});

describe('open data of a --drafts build', () => {
  it('lists withdrawn articles, flagged, and never drafts, though both have pages', async () => {
    const root = await copyFixture('hostile');
    const article = (title: string, status: string) =>
      `---\ntitle: ${title}\ndate: 2021-08-23\nlocation: af/baghlan/pol-e-hesar\nstatus: ${status}\n---\nBody.\n`;
    await writeFile(join(root, 'content/2021/08/draft-report.md'), article('A draft report', 'draft'));
    await writeFile(join(root, 'content/2021/08/withdrawn-report.md'), article('A withdrawn report', 'withdrawn'));
    const built = await buildSite(root, { drafts: true });
    expect(built.report.ok).toBe(true);
    expect(built.report.archive!.articles.map((a) => a.url)).toContain('/2021/08/23/draft-report/');

    const data = JSON.parse(await read(built, 'articles.json'));
    const paths = data.articles.map((a: { path: string }) => a.path);
    expect(paths).not.toContain('/2021/08/23/draft-report/');
    expect(paths).toContain('/2021/08/23/withdrawn-report/');
    expect(data.articles.find((a: { path: string }) => a.path === '/2021/08/23/withdrawn-report/').withdrawn).toBe(true);
    expect(data.articles).toHaveLength(4);

    const rows = await readCsv(built);
    expect(rows.map((r) => r.title)).not.toContain('A draft report');
    expect(rows.find((r) => r.title === 'A withdrawn report')!.withdrawn).toBe('true');
    const geo = JSON.parse(await read(built, 'articles.geojson'));
    expect(geo.features.map((f: Feature) => f.properties.title)).not.toContain('A draft report');
  });
});
