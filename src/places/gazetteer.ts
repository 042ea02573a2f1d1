import { closest, distance } from 'fastest-levenshtein';
import { normaliseName } from './normalise-name.ts';
import type { Place } from './place.ts';
import { urlSegment } from './url-segment.ts';

/** How a `location` string was resolved. */
export type Resolution =
  | {
      known: true;
      place: Place;
      /** Parts of the path that name no place containing `place` ("Afganistan"): worth a warning. */
      unmatched?: string[];
    }
  | {
      known: false;
      /** A place made from the comma path, under the deepest known ancestor. */
      place: Place;
      /** The made-up places, most specific first. */
      created: Place[];
      /** The deepest known place the path names (Baghlan in `Pul-i-Hisarr, Baghlan, Afghanistan`): where the article is filed. */
      anchor?: Place;
      /** The closest known place, to suggest. */
      suggestion?: Place;
    };

/** The parts of a comma path, most specific first (Latin or Arabic commas). */
export function splitLocation(location: string): string[] {
  return location
    .split(/[,،]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The gazetteer: places by id, found by any of their names, aliases or native spellings. */
export class Gazetteer {
  readonly #byId = new Map<string, Place>();
  readonly #byName = new Map<string, Place[]>();

  constructor(places: Iterable<Place>) {
    for (const place of places) this.#byId.set(place.id, place);
    for (const place of this.#byId.values()) {
      const spellings = new Set([...Object.values(place.names), ...place.aliases, place.id.split('/').pop()!].map(normaliseName));
      for (const s of spellings) {
        const list = this.#byName.get(s) ?? [];
        list.push(place);
        this.#byName.set(s, list);
      }
    }
  }

  get(id: string): Place | undefined {
    return this.#byId.get(id);
  }

  get size(): number {
    return this.#byId.size;
  }

  /** This gazetteer plus places made up for unknown locations (no place is replaced). */
  with(extra: Iterable<Place>): Gazetteer {
    const added = [...extra].filter((p) => !this.#byId.has(p.id));
    return added.length === 0 ? this : new Gazetteer([...this.#byId.values(), ...added]);
  }

  /** Places whose parent is `id`, and places that name `id` as a region they are within. */
  members(id: string): Place[] {
    return (this.#members ??= this.#indexMembers()).get(id) ?? [];
  }

  #members?: Map<string, Place[]>;
  #indexMembers(): Map<string, Place[]> {
    const index = new Map<string, Place[]>();
    for (const p of this.#byId.values()) {
      for (const container of new Set([p.parent, ...p.within])) {
        if (!container) continue;
        const list = index.get(container);
        if (list) list.push(p);
        else index.set(container, [p]);
      }
    }
    return index;
  }

  /** The place and its ancestors by `parent`, most specific first. */
  lineage(place: Place): Place[] {
    const out: Place[] = [place];
    for (let p = place.parent; p && out.length < 32; ) {
      const next = this.#byId.get(p);
      if (!next) break;
      out.push(next);
      p = next.parent;
    }
    return out;
  }

  /** The outermost place above `place` by parent: its country, for gazetteer places. */
  countryOf(place: Place): Place {
    return this.lineage(place).at(-1)!;
  }

  /** The regions and ancestors a place rolls up into (for "all articles of Baghlan"). */
  containers(place: Place): Place[] {
    const cached = this.#containers.get(place.id);
    if (cached) return cached;
    const seen = new Map<string, Place>();
    const visit = (p: Place) => {
      for (const id of [p.parent, ...p.within]) {
        const q = id ? this.#byId.get(id) : undefined;
        if (q && !seen.has(q.id)) {
          seen.set(q.id, q);
          visit(q);
        }
      }
    };
    visit(place);
    seen.delete(place.id);
    const result = [...seen.values()];
    this.#containers.set(place.id, result);
    return result;
  }

  readonly #containers = new Map<string, Place[]>();

  /**
   * Resolves a `location`: a gazetteer id (`af/baghlan/pol-e-hesar`) or a comma path, most
   * specific first (`Pol-e-Hesar, Baghlan, Afghanistan`), each part in any known spelling.
   */
  resolve(location: string): Resolution {
    const byId = this.#byId.get(location.trim());
    if (byId) return { known: true, place: byId };
    const parts = splitLocation(location);
    if (parts.length === 0) throw new Error(`resolve() needs a location with a place name, not ${JSON.stringify(location)}`);
    // Find the longest known tail (country, province…), then try to place the rest under it.
    let anchor: Place | undefined;
    let anchorIndex = parts.length;
    for (let i = parts.length - 1; i >= 0; i--) {
      const found = this.#match(parts[i]!, anchor);
      if (!found) break;
      anchor = found;
      anchorIndex = i;
    }
    if (anchor && anchorIndex === 0) return { known: true, place: anchor };
    // A misspelt or loose container ("…, Afganistan", "Baghlan Province") must not file a known
    // place under a made-up one: a leading part that names one place on its own wins.
    const leading = this.#match(parts[0]!, undefined);
    if (leading && (!anchor || this.containers(leading).some((c) => c.id === anchor.id))) {
      const containerNames = new Set(
        this.containers(leading).flatMap((c) => [...Object.values(c.names), ...c.aliases, c.id.split('/').pop()!].map(normaliseName)),
      );
      return { known: true, place: leading, unmatched: parts.slice(1).filter((p) => !containerNames.has(normaliseName(p))) };
    }
    const created: Place[] = [];
    let parent = anchor;
    for (let i = anchorIndex - 1; i >= 0; i--) {
      const name = parts[i]!;
      const segment = urlSegment(name, 'place');
      const id = parent ? `${parent.id}/${segment}` : segment;
      const place: Place = {
        id,
        type: 'place',
        name,
        names: { en: name },
        aliases: [],
        parent: parent?.id,
        within: [],
        codes: {},
        known: false,
      };
      created.unshift(place);
      parent = place;
    }
    return { known: false, place: created[0]!, created, ...(anchor && { anchor }), suggestion: this.#suggest(parts[0]!, anchor) };
  }

  /**
   * A place called `name` inside `container` (or anywhere when no container is known yet).
   * Several candidates: a main name beats an alias (the Andarab region, not Banu's old name), and
   * of places nested in one another the innermost wins ("Kabul" is the city, not the province).
   */
  #match(name: string, container: Place | undefined): Place | undefined {
    const key = normaliseName(name);
    const all = this.#byName.get(key) ?? [];
    const named = all.filter((c) => Object.values(c.names).some((n) => normaliseName(n) === key));
    const candidates = named.length > 0 ? named : all;
    const innermost = (list: Place[]) => list.find((c) => list.every((o) => o === c || this.containers(c).some((a) => a.id === o.id)));
    const inside = container
      ? candidates.filter((c) => this.containers(c).some((a) => a.id === container.id))
      : candidates.filter((c) => !c.parent || !this.#byId.has(c.parent) || c.type === 'country');
    if (inside.length === 1) return inside[0];
    // "Kabul, Kabul, Afghanistan": the province is the direct child of the country, the city is not.
    const direct = container ? inside.filter((c) => c.parent === container.id) : [];
    if (direct.length === 1) return direct[0];
    if (!container && candidates.length === 1) return candidates[0];
    return innermost(container ? inside : candidates);
  }

  /** The known place whose spelling is closest to `name`, preferring places inside `within`. */
  #suggest(name: string, within: Place | undefined): Place | undefined {
    const key = normaliseName(name);
    const pool = [...this.#byName.entries()].filter(
      ([, places]) => !within || places.some((p) => this.containers(p).some((a) => a.id === within.id)),
    );
    const names = pool.map(([n]) => n);
    if (names.length === 0) return undefined;
    const best = closest(key, names);
    if (distance(key, best) > Math.max(3, Math.ceil(best.length / 2))) return undefined;
    return pool.find(([n]) => n === best)![1][0];
  }
}
