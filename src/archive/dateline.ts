import { memoized } from '../dates/date-formatter.ts';
import { type Place, placeNameIn } from '../places/place.ts';
import { groupBy } from './listing.ts';
import type { UiStrings } from './ui-strings.ts';

/**
 * The place part of a dateline: places grouped by their parent, most specific first, with the
 * parent named once: "Banu, Pol-e-Hesar and De Salah, Baghlan"; "Kabul" (not "Kabul, Kabul").
 */
export function formatDatelinePlace(places: readonly Place[], lineage: (p: Place) => Place[], ui: UiStrings, lang: string): string {
  const groups = groupBy(places, (p) => lineage(p)[1]?.id ?? '');
  const list = listFormat(ui.listJoin);
  const nameOf = (p: Place) => placeNameIn(p, lang).name;
  return groups
    .map(([, group]) => {
      const parent = lineage(group[0]!)[1];
      const names = list.format(group.map(nameOf));
      return parent && !group.some((p) => p.name === parent.name) ? `${names}${ui.placeSeparator}${nameOf(parent)}` : names;
    })
    .join('; ');
}

const listFormat = memoized(
  (locale: string) => locale,
  (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
);
