/**
 * Maps drawn at build time as inline SVG: no tiles, no network, no script. Country outlines are
 * Natural Earth's (1:50m, via `world-atlas`), projected with d3-geo onto an equal-area projection
 * centred on the map, simplified to the map's scale and clipped to its frame.
 *
 * - `renderPlaceMap`: a country (or the points' area) with each point as a linked dot, labelled
 *   when there are at most eight.
 * - `renderLocatorMap`: a small map zoomed out around the country, to show where it lies.
 *
 * The markup is a hast tree serialised by `hast-util-to-html`, which escapes every text and
 * attribute. Colours come only from the classes `map-land` (other countries), `map-focus` (the
 * country), `map-point` and `map-label`, so the site stylesheet decides them (light and dark).
 * Output is deterministic: the same input gives the same bytes.
 */

import { createRequire } from 'node:module';
import { type GeoPermissibleObjects, type GeoProjection, geoArea, geoConicEqualArea, geoEqualEarth, geoPath } from 'd3-geo';
import type { Geometry, GeometryCollection, MultiPoint, MultiPolygon } from 'geojson';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { s } from 'hastscript';
// The library alone, without its entry's 80 languages (only English names are asked for).
import countries from 'i18n-iso-countries/index.js';
import {
  type CountryFeature,
  countryById,
  countryFeature,
  outlineCountryCodes,
  simplifiedCountries,
  worldAtlasId,
} from '../../places/country-outlines.ts';
import { type CountryView, shippedOutlines, shippedView } from './country-views.ts';
import { placeLabels } from './labels.ts';
import { SvgPathContext } from './svg-path.ts';

// English country names for the descriptions.
countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));

/** A point to mark: the shape of the archive's `GeoPoint`. */
export interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  url: string;
}

export interface MapInput {
  /** The places to mark, in the order they are named (duplicate ids are marked once). */
  points: readonly MapPoint[];
  /**
   * ISO 3166-1 code of the country to show: alpha-2 (`AF`) or alpha-3 (`AFG`). A code that is
   * unknown, or that world-atlas has no outline for (`XK`), falls back to the points' extent.
   */
  countryIso?: string;
  /** What the map is of, as the page names it (`Afghanistan`, `Baghlan`): "Map of {title} showing …". */
  title: string;
  /** Prefix of the map's element ids, unique on the page (default `map`, or `locator`). */
  idPrefix?: string;
  /** Replaces the generated text alternative (the SVG `<title>`), e.g. in the site's language. */
  label?: string;
  /** Replaces the generated longer description (the SVG `<desc>`). */
  description?: string;
  /** The country's name in the description (default: its English ISO 3166 name). */
  countryName?: string;
  /**
   * Wrap each point in a link to its `url` (default: on for the place map, off for the locator).
   * A map with links is `role="group"`, so that its links stay reachable: links inside
   * `role="img"` are hidden from screen readers, and axe reports them (nested-interactive). A map
   * without links is `role="img"`. Either way it is named by its `<title>` (aria-labelledby) and
   * described by its `<desc>` (aria-describedby).
   */
  linkPoints?: boolean;
}

/** The country map of a place page: the country, its neighbours, and the points as links. */
export function renderPlaceMap(input: MapInput): string {
  return render('place', input);
}

/** A small locator for an article page: the country among its neighbours, with the points. */
export function renderLocatorMap(input: MapInput): string {
  return render('locator', input);
}

export type MapKind = 'place' | 'locator';
type Kind = MapKind;

interface Spec {
  width: number;
  /** Height bounds for the place map, which takes the country's shape; the locator is fixed. */
  minHeight: number;
  maxHeight: number;
  margin: number;
  radius: number;
  fontSize: number;
  maxLabels: number;
}

const SPECS: Record<Kind, Spec> = {
  place: { width: 640, minHeight: 320, maxHeight: 640, margin: 24, radius: 5, fontSize: 13, maxLabels: 8 },
  locator: { width: 240, minHeight: 180, maxHeight: 180, margin: 0, radius: 3.5, fontSize: 0, maxLabels: 0 },
};

/** Least extent, in degrees, of a place map (of points only, or of a very small country). */
const MIN_SPAN = 2;

/** Where a map's things go. */
export interface MapLayout {
  kind: Kind;
  width: number;
  height: number;
  projection: GeoProjection;
  /** The world-atlas id of the country in focus, when `countryIso` has an outline. */
  focusId?: string;
  /** Valid points (deduplicated by id) with their position in the SVG. */
  points: { point: MapPoint; x: number; y: number }[];
  /** Identifies the view, for the cache of drawn outlines. */
  viewKey: string;
  /** What the frame shows, with a margin (undefined when that is not known, e.g. the world). */
  visible?: Box;
}

/**
 * Lays a map out without drawing it: its frame, projection and the points' positions. Exported
 * for tests (and for anyone drawing extra layers); the render functions use it.
 */
export function layoutMap(kind: Kind, input: MapInput): MapLayout {
  const spec = SPECS[kind];
  const points = validPoints(input.points);
  const focusId = worldAtlasId(input.countryIso);
  const own = focusId === undefined ? undefined : countryView(kind, focusId);
  // The country's own view when every point lies in its mainland, else one fitted to both.
  const fitTo = () => (focusId === undefined ? undefined : mainland(countryFeature(input.countryIso)!).geometry);
  let view = own && points.every((p) => inBox(own.main, p)) ? own.view : fitView(kind, fitTo(), points);
  let placed = place(view, points);
  // The view takes in every point; should one still touch the frame (the locator has no margin),
  // fit again keeping a marker's width clear of the edges.
  if (placed.some(({ x, y }) => x < spec.radius || y < spec.radius || x > view.width - spec.radius || y > view.height - spec.radius)) {
    view = fitView(kind, fitTo(), points, Math.max(spec.margin, spec.radius + 1));
    placed = place(view, points);
  }
  const { width, height } = view;
  return { kind, width, height, projection: view.projection(), focusId, points: placed, viewKey: view.key, visible: view.visible };
}

function place(view: View, points: MapPoint[]): MapLayout['points'] {
  const projection = view.projection();
  return points.flatMap((point) => {
    const [x = NaN, y = NaN] = projection([point.lon, point.lat]) ?? [];
    return Number.isFinite(x) && Number.isFinite(y) ? [{ point, x: round1(x), y: round1(y) }] : [];
  });
}

interface View {
  width: number;
  height: number;
  /** A fresh projection for the view (d3 projections are mutable, so views hand out copies). */
  projection: () => GeoProjection;
  /** Identifies the view, for the cache of drawn outlines. */
  key: string;
  /** What the frame shows, with a margin (undefined when that is not known, e.g. the world). */
  visible?: Box;
}

const countryViews = new Map<string, { main: Box; view: View }>();
const mainlands = new WeakMap<CountryFeature, { geometry: MultiPolygon; box: Box }>();

/**
 * The view of a country alone (for points inside its mainland): the same for every page of that
 * country, and on every site, so it is taken from the views laid out ahead (country-views.ts).
 */
function countryView(kind: Kind, focusId: string): { main: Box; view: View } {
  const key = `${kind}:${focusId}`;
  let own = countryViews.get(key);
  if (!own) {
    const shipped = shippedView(kind, focusId);
    own = shipped ? { main: shipped.main, view: viewOf(shipped.params) } : layOutCountry(kind, focusId);
    countryViews.set(key, own);
  }
  return own;
}

/** A country's own view, fitted to its mainland's full outline. */
function layOutCountry(kind: Kind, focusId: string): { main: Box; view: View; params: ViewParams } {
  const main = mainland(countryById(focusId)!);
  const params = fitParams(kind, main.geometry, [], SPECS[kind].margin);
  return { main: main.box, view: viewOf(params), params };
}

/**
 * The part of a country a map frames: its largest polygon and every part near it, grown until no
 * other part lies within half the extent so far (at least 2°). So France is framed without French
 * Guiana and Réunion, Spain without the Canaries, the United States with Alaska and Hawaii, and
 * Indonesia whole. Points elsewhere widen the view to include them.
 */
function mainland(focus: CountryFeature): { geometry: MultiPolygon; box: Box } {
  let main = mainlands.get(focus);
  if (main) return main;
  const g = focus.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const parts = polygons
    .map((coordinates) => ({
      coordinates,
      box: extentOf([{ type: 'Polygon', coordinates }]),
      area: geoArea({ type: 'Polygon', coordinates }),
    }))
    .sort((a, b) => b.area - a.area);
  const taken = parts.slice(0, 1);
  let rest = parts.slice(1);
  let box = taken[0]?.box ?? WORLD;
  for (;;) {
    const near = grow(box);
    const added = rest.filter((p) => overlaps(near, p.box));
    if (added.length === 0) break;
    taken.push(...added);
    rest = rest.filter((p) => !added.includes(p));
    box = extentOf([{ type: 'MultiPolygon', coordinates: taken.map((p) => p.coordinates) }]);
  }
  // Keep the file's order of polygons, so fitting does not depend on the sort above.
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons.filter((c) => taken.some((p) => p.coordinates === c)) };
  main = { geometry, box };
  mainlands.set(focus, main);
  return main;
}

/**
 * Fits an equal-area projection, centred on what the map shows, into the map's frame: the country
 * and any points outside it; or the points' padded extent when there is no country; or the world.
 * Small countries are shown at least MIN_SPAN degrees across; the locator zooms out further.
 */
function fitView(kind: Kind, focus: MultiPolygon | undefined, points: MapPoint[], margin = SPECS[kind].margin): View {
  return viewOf(fitParams(kind, focus, points, margin));
}

/**
 * What decides a view: its frame, projection and scale. Plain numbers, so that views can be laid
 * out ahead (country-views.ts).
 */
export interface ViewParams {
  kind: Kind;
  width: number;
  height: number;
  margin: number;
  /** The box the projection is centred on and, for the conic projection, its parallels from. */
  lon0: number;
  south: number;
  north: number;
  latSpan: number;
  /** Equal Earth (the world, or most of it) rather than a conic equal-area projection. */
  wide: boolean;
  scale: number;
  translate: [number, number];
}

function baseProjection(p: Pick<ViewParams, 'wide' | 'lon0' | 'south' | 'north' | 'latSpan'>): GeoProjection {
  return p.wide
    ? geoEqualEarth().rotate([-p.lon0, 0])
    : geoConicEqualArea()
        .parallels([p.south + p.latSpan / 6, p.north - p.latSpan / 6])
        .rotate([-p.lon0, 0]);
}

function viewOf(p: ViewParams): View {
  const { width, height } = p;
  const projection = () =>
    baseProjection(p)
      .scale(p.scale)
      .translate(p.translate)
      .clipExtent([
        [-2, -2],
        [width + 2, height + 2],
      ]);
  const key = JSON.stringify([p.kind, width, height, p.lon0, p.south, p.north, p.wide, p.scale, p.translate, p.margin]);
  return { width, height, projection, key, visible: visibleBox(projection(), width, height) };
}

function fitParams(kind: Kind, focus: MultiPolygon | undefined, points: MapPoint[], margin: number): ViewParams {
  const spec = SPECS[kind];
  const multi: MultiPoint = { type: 'MultiPoint', coordinates: points.map((p) => [p.lon, p.lat]) };
  const geometries: Geometry[] = [];
  if (focus) geometries.push(focus);
  if (points.length > 0) geometries.push(multi);
  let box = geometries.length > 0 ? extentOf(geometries) : WORLD;
  let fitTo: GeoPermissibleObjects = { type: 'GeometryCollection', geometries } satisfies GeometryCollection;
  if (kind === 'locator') {
    box = zoomOut(box);
    fitTo = { type: 'GeometryCollection', geometries: [boxOutline(box), multi] } satisfies GeometryCollection;
  } else if (!focus || Math.max(box.latSpan, box.lonSpan * cosLat(box)) < MIN_SPAN) {
    box = pad(box);
    fitTo = { type: 'GeometryCollection', geometries: [boxOutline(box), multi] } satisfies GeometryCollection;
  }
  const wide = box.lonSpan > 150 || box.latSpan > 100;
  if (box.lonSpan >= 360) fitTo = { type: 'Sphere' };
  const centre = { wide, lon0: box.lon0, south: box.south, north: box.north, latSpan: box.latSpan };
  const base = () => baseProjection(centre);

  const { width } = spec;
  let height = spec.minHeight;
  if (spec.maxHeight > spec.minHeight) {
    const probe = base().fitWidth(width - 2 * margin, fitTo);
    const [[, y0], [, y1]] = geoPath(probe).bounds(fitTo);
    height = clamp(Math.round(y1 - y0 + 2 * margin), spec.minHeight, spec.maxHeight);
  }
  const fitted = base().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    fitTo,
  );
  const [x, y] = fitted.translate();
  return { kind, width, height, margin, ...centre, scale: fitted.scale(), translate: [x, y] };
}

function render(kind: Kind, input: MapInput): string {
  const spec = SPECS[kind];
  const layout = layoutMap(kind, input);
  const { width, height } = layout;
  const prefix = input.idPrefix ?? (kind === 'place' ? 'map' : 'locator');
  if (!/^[A-Za-z][\w-]*$/.test(prefix))
    throw new Error(`Map idPrefix must be a letter followed by letters, digits, - or _: ${JSON.stringify(prefix)}`);
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const countryName =
    input.countryName ?? (layout.focusId && input.countryIso ? countries.getName(input.countryIso.trim().toUpperCase(), 'en') : undefined);
  const names = layout.points.map((p) => p.point.name);
  const links = (input.linkPoints ?? kind === 'place') && layout.points.length > 0;

  const layers = baseLayers(layout);
  const children: ElementContent[] = [
    s('title', { id: titleId }, input.label ?? label(kind, input.title, names)),
    s('desc', { id: descId }, input.description ?? describe(kind, layout, countryName, links)),
  ];
  if (layers.land) children.push(s('path', { className: ['map-land'], d: layers.land }));
  if (layers.focus) children.push(s('path', { className: ['map-focus'], d: layers.focus }));

  if (layout.points.length > 0) {
    const r = String(spec.radius);
    const dots = layout.points.map(({ point, x, y }) => {
      const at = { className: ['map-point'], cx: String(x), cy: String(y), r };
      // The title names the link (or, in an image, gives the dot a tooltip).
      return links ? s('a', { href: point.url }, [s('title', point.name), s('circle', at)]) : s('circle', at, [s('title', point.name)]);
    });
    children.push(s('g', { className: ['map-points'] }, dots));
  }

  if (layout.points.length > 0 && layout.points.length <= spec.maxLabels) {
    const labels = placeLabels(
      layout.points.map((p) => ({ x: p.x, y: p.y, text: p.point.name })),
      { width, height, fontSize: spec.fontSize, radius: spec.radius },
    );
    const texts = labels.map((l, i) =>
      s(
        'text',
        {
          className: ['map-label'],
          x: String(round1(l.x)),
          y: String(round1(l.y)),
          textAnchor: l.anchor === 'start' ? undefined : l.anchor,
        },
        layout.points[i]!.point.name,
      ),
    );
    // Labels repeat the links' names: hidden from assistive technology, which has the links.
    // The font size is the one placement assumed; the stylesheet sets the family and colours.
    children.push(s('g', { className: ['map-labels'], fontSize: String(spec.fontSize), direction: 'ltr', ariaHidden: 'true' }, texts));
  }

  const svg: Element = s(
    'svg',
    {
      className: ['map', `map-${kind}`],
      viewBox: `0 0 ${width} ${height}`,
      width: String(width),
      height: String(height),
      role: links ? 'group' : 'img',
      ariaLabelledBy: titleId,
      ariaDescribedBy: descId,
    },
    children,
  );
  return toHtml(svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true });
}

// ---------------------------------------------------------------------------------------------
// Outlines

/** Smallest area (square units) a point's triangle must cover to be kept (Visvalingam). */
const DETAIL: Record<Kind, number> = { place: 1, locator: 3 };
/** Most characters of outline path data a map may carry (its points and text come on top). */
const OUTLINE_BUDGET: Record<Kind, number> = { place: 28_000, locator: 8_000 };

const featureBoxes = new WeakMap<CountryFeature, Box>();

function featureBox(f: CountryFeature): Box {
  let box = featureBoxes.get(f);
  if (!box) {
    box = extentOf([f.geometry]);
    featureBoxes.set(f, box);
  }
  return box;
}

/** Path data of a map's outlines: the other countries, and the country in focus. */
export interface Outlines {
  land: string;
  focus: string;
}

const baseCache = new Map<string, Outlines>();
/** Views kept drawn: every country of a large archive (its locators share one view per country). */
const BASE_CACHE_SIZE = 1024;

/**
 * Path data of the other countries and of the country in focus, cached per view; a country's own
 * view (the country alone, both kinds) is taken from the outlines drawn ahead of time
 * (country-view-outlines.ts) when they were drawn for this very view.
 */
function baseLayers(layout: MapLayout): Outlines {
  const key = outlinesKey(layout);
  const hit = baseCache.get(key) ?? shippedOutlines(key);
  if (hit) return hit;
  const layers = drawBaseLayers(layout);
  if (baseCache.size >= BASE_CACHE_SIZE) baseCache.delete(baseCache.keys().next().value!);
  baseCache.set(key, layers);
  return layers;
}

/**
 * Each country's own views, place map and locator, by `kind:country`, laid out and drawn (never
 * taken from the file of them): what `npm run outlines` writes to COUNTRY_VIEWS.
 */
export function layOutCountryViews(): Map<string, CountryView> {
  const views = new Map<string, CountryView>();
  for (const countryIso of outlineCountryCodes()) {
    const focusId = worldAtlasId(countryIso)!;
    for (const kind of ['place', 'locator'] as const) {
      const { main, view, params } = layOutCountry(kind, focusId);
      const { width, height, visible } = view;
      const layout: MapLayout = { kind, width, height, projection: view.projection(), focusId, points: [], viewKey: view.key, visible };
      views.set(`${kind}:${focusId}`, { main, params, key: outlinesKey(layout), outlines: drawBaseLayers(layout) });
    }
  }
  return views;
}

/** What identifies a map's outlines: its view and the country in focus. */
export function outlinesKey(layout: MapLayout): string {
  return `${layout.viewKey}:${layout.focusId ?? ''}`;
}

/**
 * A map's outlines drawn (what baseLayers caches, and what `npm run outlines` draws ahead for each
 * country's own view).
 */
export function drawBaseLayers(layout: MapLayout): Outlines {
  // Equal-area projections: a steradian covers scale² square units, so this keeps the points
  // whose triangle covers at least DETAIL square units. Where that is still more than the map's
  // budget (the whole world, say), halve the detail until it fits.
  let detail = DETAIL[layout.kind];
  let layers = drawOutlines(layout, detail);
  for (let i = 0; i < 4 && layers.land.length + layers.focus.length > OUTLINE_BUDGET[layout.kind]; i++) {
    detail *= 2;
    layers = drawOutlines(layout, detail);
  }
  return layers;
}

function drawOutlines(layout: MapLayout, detail: number): Outlines {
  const { projection } = layout;
  const world = simplifiedCountries(detail / projection.scale() ** 2);
  const landCtx = new SvgPathContext();
  const landPath = geoPath(projection, landCtx);
  for (const f of world.all) {
    if (String(f.id) === layout.focusId) continue;
    // Countries wholly outside the frame would be clipped away anyway; skip projecting them.
    if (layout.visible && !overlaps(layout.visible, featureBox(f))) continue;
    landPath(f);
  }
  let focus = '';
  const focusFeature = layout.focusId === undefined ? undefined : world.byId.get(layout.focusId);
  if (focusFeature) {
    const focusCtx = new SvgPathContext();
    geoPath(projection, focusCtx)(focusFeature);
    focus = focusCtx.result();
  }
  return { land: landCtx.result(), focus };
}

// ---------------------------------------------------------------------------------------------
// Geographic boxes

export interface Box {
  /** Central meridian (degrees east), and the extent either side of it. */
  lon0: number;
  lonSpan: number;
  south: number;
  north: number;
  latSpan: number;
}

const WORLD: Box = { lon0: 0, lonSpan: 360, south: -90, north: 90, latSpan: 180 };

/**
 * The extent of geometries as a box: the latitudes of their vertices, and the longitudes left
 * once the widest empty gap round the globe is taken out. So shapes across the antimeridian
 * (Fiji, Chukotka, the Aleutians) give a narrow box where d3's `geoBounds` gives the whole world
 * for Fiji (world-atlas cuts its islands at 180°, leaving a sliver that spans every longitude).
 * Vertices are close together in 1:50m outlines, so edges add nothing to speak of.
 */
function extentOf(geometries: Geometry[]): Box {
  const lons: number[] = [];
  let south = 90;
  let north = -90;
  const add = ([lon = 0, lat = 0]: number[]) => {
    lons.push(normaliseLon(lon));
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  };
  for (const g of geometries) {
    if (g.type === 'Point') add(g.coordinates);
    else if (g.type === 'MultiPoint' || g.type === 'LineString') g.coordinates.forEach(add);
    else if (g.type === 'Polygon' || g.type === 'MultiLineString') for (const ring of g.coordinates) ring.forEach(add);
    else if (g.type === 'MultiPolygon') for (const polygon of g.coordinates) for (const ring of polygon) ring.forEach(add);
  }
  if (lons.length === 0) return WORLD;
  lons.sort((x, y) => x - y);
  // The widest gap between neighbouring longitudes, going round the globe; the box is the rest.
  let gap = lons[0]! + 360 - lons[lons.length - 1]!;
  let west = lons[0]!;
  for (let i = 1; i < lons.length; i++) {
    if (lons[i]! - lons[i - 1]! > gap) {
      gap = lons[i]! - lons[i - 1]!;
      west = lons[i]!;
    }
  }
  const lonSpan = 360 - gap;
  if (lonSpan >= 359) return { ...WORLD, south, north, latSpan: north - south };
  return { lon0: normaliseLon(west + lonSpan / 2), lonSpan, south, north, latSpan: north - south };
}

function cosLat(b: Box): number {
  return Math.max(Math.cos(((b.south + b.north) / 2) * (Math.PI / 180)), 0.2);
}

function withSpans(b: Box, lonSpan: number, latSpan: number): Box {
  if (lonSpan >= 300) return { ...WORLD, lon0: b.lon0 };
  const lat0 = (b.south + b.north) / 2;
  const south = clamp(lat0 - latSpan / 2, -90, 90 - latSpan);
  const north = Math.min(south + latSpan, 90);
  return { lon0: b.lon0, lonSpan, south, north, latSpan: north - south };
}

/** Points' own extent, padded, and at least MIN_SPAN degrees across. */
function pad(b: Box): Box {
  const cos = cosLat(b);
  const latSpan = Math.max(b.latSpan * 1.3, MIN_SPAN);
  const lonSpan = Math.max(b.lonSpan * 1.3, MIN_SPAN / cos);
  return withSpans(b, lonSpan, latSpan);
}

/** The locator's view: about three times the country's extent, and at least a region's. */
function zoomOut(b: Box): Box {
  if (b.lonSpan >= 360) return WORLD;
  const cos = cosLat(b);
  const latSpan = Math.max(b.latSpan * 3, 24);
  const lonSpan = Math.max(b.lonSpan * 3, latSpan / cos);
  return withSpans(b, lonSpan, latSpan);
}

/** The outline of a box as points along its edges (a box's edges are curves once projected). */
function boxOutline(b: Box): MultiPoint {
  const coordinates: [number, number][] = [];
  const n = 12;
  for (let i = 0; i <= n; i++) {
    const lon = b.lon0 - b.lonSpan / 2 + (b.lonSpan * i) / n;
    const lat = b.south + (b.latSpan * i) / n;
    coordinates.push([lon, b.south], [lon, b.north], [b.lon0 - b.lonSpan / 2, lat], [b.lon0 + b.lonSpan / 2, lat]);
  }
  return { type: 'MultiPoint', coordinates };
}

/** A box widened by half its extent (at least 2°) on every side. */
function grow(b: Box): Box {
  const dLat = Math.max(b.latSpan / 2, 2);
  const dLon = Math.max(b.lonSpan / 2, 2);
  const south = Math.max(b.south - dLat, -90);
  const north = Math.min(b.north + dLat, 90);
  return { lon0: b.lon0, lonSpan: Math.min(b.lonSpan + 2 * dLon, 360), south, north, latSpan: north - south };
}

function overlaps(a: Box, b: Box): boolean {
  if (a.south > b.north || b.south > a.north) return false;
  return a.lonSpan >= 360 || b.lonSpan >= 360 || Math.abs(normaliseLon(a.lon0 - b.lon0)) <= (a.lonSpan + b.lonSpan) / 2;
}

/**
 * The geographic box a frame shows, from points along its edges taken back through the
 * projection, widened by 2° for the bulge of a projected edge between the points. Undefined when
 * an edge point lies off the globe, or the frame takes in a pole or most of the world.
 */
function visibleBox(projection: GeoProjection, width: number, height: number): Box | undefined {
  for (const pole of [90, -90]) {
    const [x = NaN, y = NaN] = projection([0, pole]) ?? [];
    if (!(x < 0 || x > width || y < 0 || y > height)) return undefined;
  }
  const n = 16;
  const edge: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const x = (width * i) / n;
    const y = (height * i) / n;
    edge.push([x, 0], [x, height], [0, y], [width, y]);
  }
  const coordinates: [number, number][] = [];
  for (const p of edge) {
    const geo = projection.invert?.(p);
    if (!geo || !Number.isFinite(geo[0]) || !Number.isFinite(geo[1])) return undefined;
    coordinates.push(geo);
  }
  const box = extentOf([{ type: 'MultiPoint', coordinates }]);
  if (box.lonSpan > 180 || box.north > 80 || box.south < -80) return undefined;
  const south = box.south - 2;
  const north = box.north + 2;
  return { lon0: box.lon0, lonSpan: box.lonSpan + 4, south, north, latSpan: north - south };
}

function inBox(b: Box, p: MapPoint): boolean {
  if (p.lat < b.south || p.lat > b.north) return false;
  return Math.abs(normaliseLon(p.lon - b.lon0)) <= b.lonSpan / 2;
}

function normaliseLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

// ---------------------------------------------------------------------------------------------
// Points and text

function validPoints(points: readonly MapPoint[]): MapPoint[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    if (seen.has(p.id)) return false;
    seen.add(p.id);
    return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
  });
}

function label(kind: Kind, title: string, names: string[]): string {
  const what = `${kind === 'place' ? 'Map' : 'Locator map'} of ${title}`;
  if (names.length === 0) return what;
  return `${what} showing ${names.length <= 8 ? listOf(names) : `${names.length} places`}`;
}

function describe(kind: Kind, layout: MapLayout, countryName: string | undefined, links: boolean): string {
  const where = countryName
    ? kind === 'place'
      ? `${countryName} and the countries around it`
      : `${countryName}, highlighted, with the countries around it`
    : layout.points.length > 0
      ? 'The area around the places marked'
      : 'The world';
  const marked = layout.points.map(({ point }) => `${point.name} (${coordinates(point)})`);
  if (marked.length === 0) return `${where}.`;
  const linked = links ? ' Each place links to its page.' : '';
  return `${where}. ${marked.length === 1 ? 'Marked' : `${marked.length} places marked`}: ${listOf(marked)}.${linked}`;
}

function coordinates(p: MapPoint): string {
  const lat = `${Math.abs(p.lat).toFixed(2)}° ${p.lat < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(p.lon).toFixed(2)}° ${p.lon < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

/** "A", "A and B", "A, B and C". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

function round1(v: number): number {
  const r = Math.round(v * 10) / 10;
  return r === 0 ? 0 : r;
}
