import type { CreativeWork, NewsArticle, Place as SchemaPlace, WithContext } from 'schema-dts';
import type { ArticlePage, SiteView, Translation } from './archive.ts';
import { absoluteUrl } from './urls.ts';

/**
 * schema.org NewsArticle for an article page (https://schema.org/NewsArticle): dates with their
 * offsets, the dateline, places with coordinates, the authors (else the publisher), the publisher,
 * and the sources as `isBasedOn`.
 * Typed against schema-dts, so a misspelt property or wrong type fails the type check.
 */
export function articleJsonLd(page: ArticlePage, site: SiteView): WithContext<NewsArticle> {
  const publisher = { '@type': 'Organization' as const, name: site.publisher, url: site.url };
  const places = page.points.map(
    (p): SchemaPlace => ({
      '@type': 'Place',
      name: p.name,
      url: absoluteUrl(p.url, site.url),
      geo: { '@type': 'GeoCoordinates', latitude: p.lat, longitude: p.lon },
    }),
  );
  const sources = page.sources.map(
    (s): CreativeWork => ({
      '@type': 'CreativeWork',
      ...(s.title ? { name: s.title } : {}),
      publisher: { '@type': 'Organization', name: s.publisher },
      ...(s.url ? { url: s.url } : {}),
      ...(s.date ? { datePublished: s.date.datetime } : {}),
    }),
  );
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: page.title,
    ...(page.excerpt ? { description: page.excerpt } : {}),
    url: page.canonical,
    mainEntityOfPage: page.canonical,
    inLanguage: page.lang,
    datePublished: page.date.datetime,
    dateModified: (page.updated ?? page.date).datetime,
    dateline: `${page.datelinePlace} — ${page.date.day}`,
    ...(places.length ? { contentLocation: places } : {}),
    ...(page.topics.length ? { keywords: page.topics.map((t) => t.name) } : {}),
    ...(page.image
      ? {
          image: {
            '@type': 'ImageObject' as const,
            url: page.image.canonical,
            width: { '@type': 'QuantitativeValue' as const, value: page.image.width, unitCode: 'E37' },
            height: { '@type': 'QuantitativeValue' as const, value: page.image.height, unitCode: 'E37' },
            ...(page.image.caption ? { caption: page.image.caption } : {}),
            ...(page.image.credit ? { creditText: page.image.credit } : {}),
          },
        }
      : {}),
    // The byline's people, each with their page in the archive; else the publisher.
    author: page.authors.length
      ? page.authors.map((a) => ({ '@type': 'Person' as const, name: a.name, url: absoluteUrl(a.url, site.url) }))
      : publisher,
    publisher,
    ...(sources.length ? { isBasedOn: sources } : {}),
    ...translationLinks(page),
  };
}

/** A translation names its original (`translationOfWork`); the original, its translations (`workTranslation`). */
function translationLinks(page: ArticlePage): Pick<NewsArticle, 'translationOfWork' | 'workTranslation'> {
  const versions = page.translations ?? [];
  const work = (t: Translation): CreativeWork => ({ '@type': 'NewsArticle', url: t.canonical, inLanguage: t.lang, headline: t.title });
  const original = versions.find((t) => t.original);
  if (original) return { translationOfWork: work(original) };
  return versions.length ? { workTranslation: versions.map(work) } : {};
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
