import type { Gazetteer } from '../places/gazetteer.ts';
import { type Place, placeNameIn } from '../places/place.ts';
import { compareText } from '../report/message.ts';
import type { CountLink, FeedSpec, IndexPage, ListingPage } from './archive.ts';
import { type Entry, type ListingContext, listingPage, timelineOf } from './listing.ts';
import { frontListing, periodPages } from './time-slices.ts';
import { fill } from './ui-strings.ts';
import { absoluteUrl, feedUrls, outputPathOf, placesIndexUrl, placeUrl } from './urls.ts';

/**
 * A page for every place with articles, in itself or in any place it contains (a district's
 * report is also Baghlan's, Afghanistan's and the Andarab region's), and for every place an
 * article links to; the places index; one feed per place.
 */
export function buildPlacePages(
  entries: readonly Entry[],
  linked: Iterable<string>,
  places: Gazetteer,
  ctx: ListingContext,
): { pages: ListingPage[]; index: IndexPage; feeds: FeedSpec[] } {
  const { ui } = ctx;
  // Each place by its name in the site's language (its English one, marked, where it has none).
  const named = (p: Place) => placeNameIn(p, ctx.config.lang);
  const nameOf = (p: Place) => named(p).name;
  const link = (p: Place) => ({ ...named(p), url: placeUrl(ctx.base, p.id) });
  const byPlace = new Map<string, Entry[]>();
  for (const entry of entries) {
    const ids = new Set(entry.article.places.flatMap((p) => [p.id, ...places.containers(p).map((c) => c.id)]));
    for (const id of ids) {
      const list = byPlace.get(id);
      if (list) list.push(entry);
      else byPlace.set(id, [entry]);
    }
  }
  for (const id of linked) if (!byPlace.has(id)) byPlace.set(id, []);
  const countLink = (p: Place): CountLink => {
    const count = byPlace.get(p.id)!.length;
    return { ...link(p), count, countText: ui.articleCount(count) };
  };
  const byName = (a: Place, b: Place) => compareText(nameOf(a), nameOf(b)) || compareText(a.id, b.id);

  const pages: ListingPage[] = [];
  for (const [id, list] of byPlace) {
    const place = places.get(id)!;
    const lineage = places.lineage(place);
    const points = [...new Map(list.flatMap((e) => e.page.points).map((p) => [p.id, p])).values()];
    const url = placeUrl(ctx.base, id);
    const feeds = feedUrls(url);
    const breadcrumbs = lineage.slice(1).reverse().map(link);
    const { listed, split, ...front } = frontListing(list, ctx);
    const sliced = split
      ? periodPages(
          {
            kind: 'place',
            base: url,
            name: nameOf(place),
            breadcrumbs: [...breadcrumbs, link(place)],
            feeds,
            everyPeriod: false,
            timeline: true,
          },
          list,
          ctx,
        )
      : undefined;
    pages.push(
      listingPage(
        ctx,
        {
          kind: 'place',
          url,
          title: nameOf(place),
          ...(named(place).lang && { titleLang: named(place).lang }),
          subtitle: place.known ? ui.placeIn(place.type, lineage.slice(1).map(nameOf)) : ui.notInGazetteer,
          breadcrumbs,
          // Its names in the other languages: not the one the title prints.
          otherNames: Object.entries(place.names)
            .filter(([lang, name]) => name !== nameOf(place) && lang !== (named(place).lang ?? ctx.config.lang))
            .map(([lang, name]) => ({ name, url: '', lang })),
          aliases: place.aliases,
          childrenHeading: fill(ui.placesWithin, { place: nameOf(place) }),
          children: places
            .members(id)
            .filter((m) => byPlace.has(m.id))
            .sort(byName)
            .map(countLink),
          feeds,
          timeline: timelineOf(listed),
          map: points.length ? { points, countryIso: places.countryOf(place).codes['iso3166-1'], title: nameOf(place) } : undefined,
          ...front,
          ...(sliced && { periods: { heading: ui.periodsHeading.year, items: sliced.years } }),
        },
        list,
      ),
      ...(sliced?.pages ?? []),
    );
  }

  // The index: each country with its places as a tree by parent, by name at each level.
  const present = [...byPlace.keys()].map((id) => places.get(id)!);
  const childrenOf = (id: string) => present.filter((p) => p.parent === id).sort(byName);
  const tree = (p: Place, depth: number): (CountLink & { depth: number })[] => [
    { ...countLink(p), depth },
    ...childrenOf(p.id).flatMap((c) => tree(c, depth + 1)),
  ];
  const roots = present.filter((p) => !p.parent || !byPlace.has(p.parent)).sort(byName);
  const index: IndexPage = {
    url: placesIndexUrl(ctx.base),
    outputPath: outputPathOf(placesIndexUrl(ctx.base)),
    canonical: absoluteUrl(placesIndexUrl(ctx.base), ctx.config.url),
    siteLang: ctx.config.lang,
    title: ui.places,
    sections: roots.map((root) => ({
      heading: `${nameOf(root)} (${ui.articleCount(byPlace.get(root.id)!.length)})`,
      headingUrl: placeUrl(ctx.base, root.id),
      items: tree(root, 0).slice(1),
    })),
  };

  const feeds = [...byPlace].map(([id, list]): FeedSpec => {
    const url = placeUrl(ctx.base, id);
    return {
      kind: 'place',
      siteLang: ctx.config.lang,
      title: `${ctx.config.title}: ${nameOf(places.get(id)!)}`,
      pageUrl: url,
      urls: feedUrls(url),
      articles: list.map((e) => e.page.url),
    };
  });
  return { pages, index, feeds };
}
