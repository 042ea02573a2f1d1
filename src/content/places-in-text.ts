import type { Gazetteer } from '../places/gazetteer.ts';
import { normaliseName } from '../places/normalise-name.ts';
import type { Place } from '../places/place.ts';

/**
 * The gazetteer places a text names, most specific only (Banu, not the Baghlan and Afghanistan
 * that contain it), in the order they are first named. A spelling is looked up the way a
 * `location` is (`Gazetteer.resolve`), so a main name beats an alias (`Andarab` is the region,
 * not Banu's old name) and an ambiguous spelling names nothing.
 */
export function placesInText(text: string, places: Iterable<Place>, gazetteer: Gazetteer): Place[] {
  let haystack = ` ${wordsOf(text)} `;
  // Each spelling as whole words, with a name as written, to resolve like a `location`.
  const spellings = new Map<string, string>();
  for (const place of places) {
    for (const name of [...Object.values(place.names), ...place.aliases]) {
      const words = wordsOf(name);
      if (words !== '' && !spellings.has(words)) spellings.set(words, name);
    }
  }
  const found = new Map<string, { place: Place; at: number }>();
  // Longest spellings first, each match blanked out, so `De Salah` is not also read as `Salah`.
  for (const [spelling, name] of [...spellings].sort(([a], [b]) => b.length - a.length)) {
    const needle = ` ${spelling} `;
    let at = haystack.indexOf(needle);
    if (at === -1) continue;
    const resolution = gazetteer.resolve(name);
    while (at !== -1) {
      if (resolution.known) {
        const seen = found.get(resolution.place.id);
        if (!seen || at < seen.at) found.set(resolution.place.id, { place: resolution.place, at });
      }
      haystack = `${haystack.slice(0, at + 1)}${'\u0000'.repeat(spelling.length)}${haystack.slice(at + 1 + spelling.length)}`;
      at = haystack.indexOf(needle);
    }
  }
  const named = [...found.values()].sort((a, b) => a.at - b.at).map((f) => f.place);
  const containers = new Set(named.flatMap((p) => gazetteer.containers(p).map((c) => c.id)));
  return named.filter((p) => !containers.has(p.id));
}

/** Folded like place names (case, diacritics, hyphens), punctuation as spaces, so names match as whole words. */
function wordsOf(text: string): string {
  return normaliseName(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
