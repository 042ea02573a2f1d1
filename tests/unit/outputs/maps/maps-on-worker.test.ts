import { describe, expect, it } from 'vitest';
import type { Archive, MapSpec, SitePage } from '../../../../src/archive/archive.ts';
import { mapsHere, mapsOnWorker } from '../../../../src/outputs/maps/render-maps.ts';

/** A listing page (a place map) and an article page (a locator) at each of `count` points. */
function archiveOf(count: number): Archive {
  const spec = (i: number): MapSpec => ({
    points: [{ id: `af/p${i}`, name: `Place ${i}`, lat: 30 + (i % 7), lon: 62 + (i % 11), url: `/places/af/p${i}/` }],
    countryIso: i % 5 === 0 ? 'IR' : 'AF',
    title: `Place ${i}`,
  });
  const page = (kind: string, i: number) => ({ url: `/${kind}/${i}/`, map: spec(i) });
  const listings = Array.from({ length: count }, (_, i) => page('places', i));
  // Two articles share each locator.
  const articles = Array.from({ length: count * 2 }, (_, i) => page('articles', i >> 1));
  return { listings, articles, indexes: [{ url: '/places/' }] } as unknown as Archive;
}

describe('the maps drawn on a worker thread (mapsOnWorker)', () => {
  it('gives every page the map drawn here, whatever order the pages ask in', async () => {
    const archive = archiveOf(40);
    const drawer = mapsOnWorker(archive);
    try {
      const asked = [
        ...archive.articles.map((page) => [page, 'articles'] as const),
        ...archive.listings.map((page) => [page, 'listings'] as const),
        [archive.indexes[0] as SitePage, 'indexes'] as const,
      ].reverse();
      const there = await Promise.all(asked.map(([page, list]) => drawer.maps(page, list)));
      const here = await Promise.all(asked.map(([page, list]) => mapsHere(page, list)));
      expect(there).toEqual(here);
      expect(there.filter((svg) => svg?.startsWith('<svg'))).toHaveLength(120);
      expect(there.at(0)).toBeUndefined();
    } finally {
      await drawer.close();
    }
  }, 60_000);
});
