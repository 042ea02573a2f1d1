import type { Archive } from '../../archive/archive.ts';
import { absoluteUrl } from '../../archive/urls.ts';
import { exportedArticles, formatJson, formatJsonWithList, PLACE_DATA } from './records.ts';

export interface PointFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [lon: number, lat: number] };
  properties: {
    url: string;
    title: string;
    date: string;
    utc: string;
    lang: string;
    withdrawn: boolean;
    placeId: string;
    placeName: string;
  };
}

export interface ArticlesGeoJson {
  type: 'FeatureCollection';
  /** A foreign member (RFC 7946 §6.1): the credit for the coordinates. */
  attribution: string;
  features: PointFeature[];
}

/**
 * `/data/articles.geojson`: an RFC 7946 FeatureCollection (WGS 84, so no `crs` member), one
 * Point Feature per place of each published or withdrawn article that has coordinates (its own
 * or its nearest ancestor's), articles newest first and their places in order. Coordinates are
 * `[longitude, latitude]`: longitude first. A point outside [-180, 180] × [-90, 90] or not a
 * finite number is left out rather than written wrong.
 */
export function buildArticlesGeoJson(archive: Archive): ArticlesGeoJson {
  return { type: 'FeatureCollection', attribution: ATTRIBUTION, features: [...pointFeatures(archive)] };
}

const ATTRIBUTION = `${PLACE_DATA.note} ${PLACE_DATA.licenseUrl}`;

function* pointFeatures(archive: Archive): Generator<PointFeature> {
  for (const article of exportedArticles(archive)) {
    for (const point of article.points) {
      if (!validPosition(point.lon, point.lat)) continue;
      yield {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        properties: {
          url: absoluteUrl(article.url, archive.sites[0]!.url),
          title: article.title,
          date: article.date.datetime,
          utc: article.date.utc,
          lang: article.lang,
          withdrawn: article.withdrawn,
          placeId: point.id,
          placeName: point.name,
        },
      };
    }
  }
}

export function articlesGeoJson(archive: Archive): string {
  return formatJson(buildArticlesGeoJson(archive));
}

/** `articlesGeoJson` in pieces, a feature at a time, for writing as a stream. */
export function articlesGeoJsonPieces(archive: Archive): Generator<string> {
  return formatJsonWithList({ type: 'FeatureCollection', attribution: ATTRIBUTION }, 'features', pointFeatures(archive));
}

function validPosition(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}
