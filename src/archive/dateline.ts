import { memoized } from '../dates/date-formatter.ts';
import type { Place } from '../places/place.ts';
import { groupBy } from './listing.ts';
import type { UiStrings } from './ui-strings.ts';

/**
 * The place part of a dateline: places grouped by their parent, most specific first, with the
 * parent named once: "Banu, Pol-e-Hesar and De Salah, Baghlan"; "Kabul" (not "Kabul, Kabul").
 */
export function formatDatelinePlace(places: readonly Place[], lineage: (p: Place) => Place[], ui: UiStrings): string {
  const groups = groupBy(places, (p) => lineage(p)[1]?.id ?? '');
  const list = listFormat(ui.listJoin);
  return groups
    .map(([, group]) => {
      const parent = lineage(group[0]!)[1];
      const names = list.format(group.map((p) => p.name));
      return parent && !group.some((p) => p.name === parent.name) ? `${names}, ${parent.name}` : names;
    })
    .join('; ');
}

const listFormat = memoized(
  (locale: string) => locale,
  (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
);
