import { memoized } from '../dates/date-formatter.ts';
import { type Place, placeNameIn } from '../places/place.ts';
import type { LocalText } from './archive.ts';
import { groupBy } from './listing.ts';
import type { UiStrings } from './ui-strings.ts';

/**
 * The place part of a dateline: places grouped by their parent, most specific first, with the
 * parent named once: "Banu, Pol-e-Hesar and De Salah, Baghlan"; "Kabul" (not "Kabul, Kabul").
 * Names are in `lang` where the gazetteer has them (placeNameIn); as parts, a name in another
 * language is marked with it, so the page can say so (`<span lang="en">`).
 */
export function formatDatelinePlace(
  places: readonly Place[],
  lineage: (p: Place) => Place[],
  ui: UiStrings,
  lang: string,
): { text: string; parts: LocalText[] } {
  const groups = groupBy(places, (p) => lineage(p)[1]?.id ?? '');
  const list = listFormat(ui.listJoin);
  const parts: LocalText[] = [];
  const add = (text: string, of?: string) => {
    const last = parts[parts.length - 1];
    if (last && !last.lang && !of) last.text += text;
    else parts.push(of ? { text, lang: of } : { text });
  };
  groups.forEach(([, group], i) => {
    if (i > 0) add('; ');
    const names = group.map((p) => placeNameIn(p, lang));
    let element = 0;
    for (const part of list.formatToParts(names.map((n) => n.name))) {
      if (part.type === 'element') add(part.value, names[element++]!.lang);
      else add(part.value);
    }
    const parent = lineage(group[0]!)[1];
    if (parent && !group.some((p) => p.name === parent.name)) {
      const named = placeNameIn(parent, lang);
      add(ui.placeSeparator);
      add(named.name, named.lang);
    }
  });
  return { text: parts.map((p) => p.text).join(''), parts };
}

const listFormat = memoized(
  (locale: string) => locale,
  (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
);
