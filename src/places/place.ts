import { z } from 'zod';

const name = z.string().trim().min(1);

/** One gazetteer entry as written in `content/places/*.yaml` (keyed by id). */
export const placeEntrySchema = z.strictObject({
  type: z.enum(['country', 'province', 'state', 'department', 'district', 'region', 'city', 'town', 'village', 'place', 'island']),
  parent: z.string().optional(),
  names: z.object({ en: name }).catchall(name),
  aliases: z.array(name).optional(),
  within: z.array(z.string()).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  codes: z.record(z.string(), z.string()).optional(),
});
export type PlaceEntry = z.infer<typeof placeEntrySchema>;

/** A place in the gazetteer (or made from an unknown comma path, with `known: false`). */
export interface Place {
  /** Path-like id, `af/baghlan/pol-e-hesar`; also the place's URL path under /places/. */
  id: string;
  type: PlaceEntry['type'];
  /** English name, used in datelines and URLs' labels. */
  name: string;
  names: Record<string, string>;
  aliases: string[];
  parent?: string;
  /** Regions the place also belongs to (the Andarab valley). */
  within: string[];
  lat?: number;
  lon?: number;
  codes: Record<string, string>;
  known: boolean;
}

export const PLACE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/**
 * A place's name in `lang` (its `names`, by the full tag, then the language), else its English
 * name, marked as English (`lang: 'en'`) so the page can say so (`<a lang="en">`).
 */
export function placeNameIn(place: Pick<Place, 'name' | 'names'>, lang: string): { name: string; lang?: string } {
  const base = lang.split('-')[0]!;
  const own = place.names[lang] ?? place.names[base];
  if (own !== undefined) return { name: own };
  return base === 'en' ? { name: place.name } : { name: place.name, lang: 'en' };
}
