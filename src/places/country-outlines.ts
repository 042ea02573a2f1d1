/**
 * Country outlines: Natural Earth 1:50m countries from the `world-atlas` package (TopoJSON, ids
 * are ISO 3166-1 numeric codes), to check that places lie in their country and, simplified to
 * the scale of each map, to draw maps.
 *
 * Everything here is read and prepared once per process, lazily, and cached: a build renders a
 * map on many pages, usually at a handful of scales.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { geoArea, geoContains, geoDistance } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
// The library alone, without its entry's 80 languages (only English names are asked for).
import countries from 'i18n-iso-countries/index.js';
import type * as TopojsonClient from 'topojson-client';
import type * as TopojsonSimplify from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { PACKAGE_ROOT } from '../package-root.ts';

// CommonJS packages, loaded with require so Node, tsx and Vite's module runner agree on them
// (Vite would otherwise pick their ESM entry, which has no default export).
const require = createRequire(import.meta.url);
const { feature, transform } = require('topojson-client') as typeof TopojsonClient;
const { filter, filterAttached, presimplify, simplify, sphericalTriangleArea } = require('topojson-simplify') as typeof TopojsonSimplify;

export type CountryFeature = Feature<Polygon | MultiPolygon, { name: string }> & { id?: string };

type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }>; land: GeometryCollection }>;

let topology: CountriesTopology | undefined;
let presimplified: CountriesTopology | undefined;
const byWeight = new Map<number, Simplified>();
/** Rings (islands, exclaves) smaller than this many times the point weight are left out. */
const RING_FACTOR = 8;

function load(): CountriesTopology {
  topology ??= require('world-atlas/countries-50m.json') as CountriesTopology;
  return topology;
}

function toFeatures(t: CountriesTopology): CountryFeature[] {
  const fc = feature(t, t.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return fc.features.filter(
    (f): f is CountryFeature => f.geometry != null && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'),
  );
}

/**
 * The world-atlas id (ISO 3166-1 numeric, three digits) of an ISO 3166-1 alpha-2 (or alpha-3)
 * code, or undefined when the code is unknown or world-atlas has no outline for it (e.g. `XK`,
 * Kosovo, or `GF`, French Guiana, which is drawn as part of France).
 */
export function worldAtlasId(alpha2: string | undefined): string | undefined {
  if (!alpha2) return undefined;
  const code = alpha2.trim().toUpperCase();
  const numeric = code.length === 3 ? countries.alpha3ToNumeric(code) : countries.alpha2ToNumeric(code);
  if (!numeric) return undefined;
  return outlineGeometries().has(numeric) ? numeric : undefined;
}

/** The ISO 3166-1 alpha-2 code of every country with an outline, in the outlines' order. */
export function outlineCountryCodes(): string[] {
  return [...outlineGeometries().keys()].flatMap((id) => {
    const code = countries.numericToAlpha2(id);
    return code && worldAtlasId(code) === id ? [code] : [];
  });
}

type CountryGeometry = CountriesTopology['objects']['countries']['geometries'][number];
let geometries: Map<string, CountryGeometry[]> | undefined;

/** The outlines' geometries by world-atlas id, in the file's order (a few ids have more than one). */
function outlineGeometries(): Map<string, CountryGeometry[]> {
  if (!geometries) {
    geometries = new Map();
    for (const g of load().objects.countries.geometries) {
      if (g.id == null || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
      const id = String(g.id);
      geometries.set(id, [...(geometries.get(id) ?? []), g]);
    }
  }
  return geometries;
}

const fullById = new Map<string, CountryFeature>();

/**
 * A country's outline at full 1:50m detail by world-atlas id, converted when first asked for (all
 * of them took 45 ms of every build's start, for the one or two countries of most archives).
 */
export function countryById(id: string): CountryFeature | undefined {
  let f = fullById.get(id);
  if (!f) {
    const parts = outlineGeometries().get(id);
    if (!parts) return undefined;
    const t = load();
    f = indexById(parts.map((g) => feature(t, g) as CountryFeature)).get(id)!;
    fullById.set(id, f);
  }
  return f;
}

/** A country's outline at full 1:50m detail (for fitting and for tests), by alpha-2 or -3 code. */
export function countryFeature(alpha2: string | undefined): CountryFeature | undefined {
  const id = worldAtlasId(alpha2);
  return id === undefined ? undefined : countryById(id);
}

export interface Simplified {
  /** Every country, simplified, keeping every ring (for the country in focus). */
  byId: Map<string, CountryFeature>;
  /** Every country in file order, simplified and without the rings too small to see. */
  all: CountryFeature[];
}

/**
 * The countries simplified (Visvalingam, spherical triangle areas) so that no point whose
 * triangle covers less than `minWeight` steradians is kept, and islands (rings sharing no arc
 * with another) smaller than RING_FACTOR times that dropped. Weights are rounded down to a power
 * of two so that nearby scales share one cache entry.
 */
export function simplifiedCountries(minWeight: number): Simplified {
  const weight = 2 ** Math.floor(Math.log2(minWeight));
  let cached = byWeight.get(weight);
  if (!cached) {
    presimplified ??= presimplifiedOutlines();
    const simple = simplify(presimplified, weight) as CountriesTopology;
    const byId = indexById(toFeatures(simple));
    // Islands too small to see go; a small country's ring shares arcs with its neighbours and stays.
    const attached = filterAttached(simple);
    const filtered = filter(
      simple,
      (ring, interior) => attached(ring, interior) || ringArea(ring, interior) >= weight * RING_FACTOR,
    ) as CountriesTopology;
    cached = { byId, all: toFeatures(filtered) };
    byWeight.set(weight, cached);
  }
  return cached;
}

/** Where the outlines' point weights are kept (computed by `npm run outlines`). */
export const OUTLINE_WEIGHTS = join(PACKAGE_ROOT, 'data/country-outline-weights.f64');

/**
 * Every arc point's weight (Visvalingam, spherical triangle areas; Infinity at an arc's ends),
 * in arc order, as little-endian doubles: what topojson-simplify's presimplify computes from
 * world-atlas's outlines, the same every build. Weighing 80,617 points took 0.2 s of every
 * build's start; reading them takes a millisecond.
 */
export function outlineWeights(): Float64Array {
  const topology = presimplify(load(), sphericalTriangleArea) as unknown as { arcs: [number, number, number][][] };
  return Float64Array.from(topology.arcs.flatMap((arc) => arc.map((point) => point[2])));
}

/** The outlines with their points weighed, as presimplify gives them, from OUTLINE_WEIGHTS. */
function presimplifiedOutlines(): CountriesTopology {
  const t = load();
  const bytes = readFileSync(OUTLINE_WEIGHTS);
  const weights = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const points = t.arcs.reduce((n, arc) => n + arc.length, 0);
  if (weights.length !== points)
    throw new Error(`${OUTLINE_WEIGHTS} holds ${weights.length} weights for ${points} points: run \`npm run outlines\`.`);
  let next = 0;
  // The decoder adds each point to the last (delta-encoded arcs), from 0 at an arc's start.
  const decode = transform(t.transform!);
  const arcs = t.arcs.map((arc) =>
    arc.map((point, i) => {
      const [x, y] = decode(point, i as unknown as boolean);
      return [x, y, weights[next++]!];
    }),
  );
  return { type: 'Topology', bbox: t.bbox, objects: t.objects, arcs } as unknown as CountriesTopology;
}

const ringAreas = new WeakMap<object, number>();

/**
 * The area (steradians) a ring of arcs covers, measured on the full-detail outline (simplifying
 * can collapse a ring that matters). d3 (and world-atlas) wind exterior rings clockwise and holes
 * anticlockwise, so a hole's own area comes out as the rest of the sphere. Taken this way,
 * Antarctica stays: its exterior is a ring just short of the South Pole enclosing nearly the whole
 * sphere, with the coast as a hole; topojson-simplify's `sphericalRingArea` would drop it.
 */
function ringArea(ring: unknown, interior: boolean): number {
  let a = ringAreas.get(ring as object);
  if (a === undefined) {
    a = geoArea(feature(load(), { type: 'Polygon', arcs: [ring as number[]] }).geometry as Polygon);
    ringAreas.set(ring as object, a);
  }
  return interior ? 4 * Math.PI - a : a;
}

/**
 * How far a point (longitude, latitude) lies outside a country's outline, in degrees of arc:
 * 0 inside, else the distance to the nearest vertex of the outline.
 */
export function degreesOutside(country: CountryFeature, point: [number, number]): number {
  if (geoContains(country, point)) return 0;
  let nearest = Infinity;
  const rings = country.geometry.type === 'Polygon' ? country.geometry.coordinates : country.geometry.coordinates.flat();
  for (const ring of rings) for (const vertex of ring) nearest = Math.min(nearest, geoDistance(point, vertex as [number, number]));
  return (nearest * 180) / Math.PI;
}

/**
 * Features by world-atlas id. Some ids have several features (036: Australia and the Ashmore and
 * Cartier Islands): they are merged, or the last would stand for the whole country.
 */
function indexById(features: readonly CountryFeature[]): Map<string, CountryFeature> {
  const byId = new Map<string, CountryFeature>();
  for (const f of features) {
    if (f.id == null) continue;
    const id = String(f.id);
    const seen = byId.get(id);
    byId.set(id, seen ? { ...seen, geometry: { type: 'MultiPolygon', coordinates: [...polygons(seen), ...polygons(f)] } } : f);
  }
  return byId;
}

function polygons(f: CountryFeature): MultiPolygon['coordinates'] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}
