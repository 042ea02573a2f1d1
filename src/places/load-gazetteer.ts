import { parseYaml } from '../content/parse-yaml.ts';
import { describeIssues } from '../content/schema-messages.ts';
import type { Message } from '../report/message.ts';
import { countryFeature, degreesOutside } from './country-outlines.ts';
import { Gazetteer } from './gazetteer.ts';
import { PLACE_ID, type Place, placeEntrySchema } from './place.ts';

/** A gazetteer file's text and the path to report it by. */
export interface GazetteerFile {
  file: string;
  text: string;
}

/**
 * Builds the gazetteer from `content/places/*.yaml` texts (each a mapping of id → entry),
 * checking ids, parents and regions; problems come back as messages, never thrown.
 */
export function loadGazetteer(files: readonly GazetteerFile[]): { gazetteer: Gazetteer; messages: Message[] } {
  const messages: Message[] = [];
  const places: Place[] = [];
  const where = new Map<string, { file: string; line: number; column: number }>();
  const fieldsOf = (path: (string | number)[]) => (path.length <= 1 ? Object.keys(placeEntrySchema.shape) : []);
  for (const { file, text } of files) {
    const yaml = parseYaml(text.replace(/^\uFEFF/, ''));
    for (const e of yaml.syntaxErrors) messages.push({ file, ...e.position, severity: 'error', ruleId: 'yaml-syntax', reason: e.reason });
    if (yaml.syntaxErrors.length > 0) continue;
    const value = yaml.value ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      messages.push({
        file,
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'invalid-gazetteer',
        reason: 'A places file must map ids to places.',
        fix: 'Write `af/baghlan:` followed by the place’s fields.',
      });
      continue;
    }
    for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
      const at = yaml.positionOf([id], 'key');
      if (!PLACE_ID.test(id)) {
        messages.push({
          file,
          ...at,
          severity: 'error',
          ruleId: 'invalid-place-id',
          reason: `Place id \`${id}\` is not lowercase ASCII segments joined by \`/\`.`,
          fix: 'Use ids like `af/baghlan/pol-e-hesar`; put other spellings in `names` or `aliases`.',
        });
        continue;
      }
      const parsed = placeEntrySchema.safeParse(entry);
      if (!parsed.success) {
        for (const p of describeIssues(parsed.error.issues, entry, fieldsOf)) {
          messages.push({
            file,
            ...yaml.positionOf([id, ...p.path], p.atKey ? 'key' : 'value'),
            severity: 'error',
            ruleId: p.ruleId,
            reason: `Place \`${id}\`: ${p.reason}`,
            fix: p.fix,
          });
        }
        continue;
      }
      const previous = where.get(id);
      if (previous) {
        messages.push({
          file,
          ...at,
          severity: 'error',
          ruleId: 'duplicate-place',
          reason: `Place \`${id}\` is also defined at ${previous.file}:${previous.line}.`,
          fix: 'Keep one entry and merge the names and aliases.',
        });
        continue;
      }
      where.set(id, { file, ...at });
      const e = parsed.data;
      const parent = e.parent ?? (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined);
      places.push({
        id,
        type: e.type,
        name: e.names.en,
        names: e.names,
        aliases: e.aliases ?? [],
        parent,
        within: e.within ?? [],
        lat: e.lat,
        lon: e.lon,
        codes: e.codes ?? {},
        known: true,
      });
    }
  }
  const ids = new Set(places.map((p) => p.id));
  const byId = new Map(places.map((p) => [p.id, p]));
  for (const place of places) {
    const at = where.get(place.id)!;
    for (const ref of [place.parent, ...place.within]) {
      if (ref && !ids.has(ref)) {
        messages.push({
          ...at,
          severity: 'error',
          ruleId: 'unknown-place-reference',
          reason: `Place \`${place.id}\` refers to \`${ref}\`, which is not in the gazetteer.`,
          fix: `Add \`${ref}\` or correct the id.`,
        });
      }
    }
    const chain = [place.id];
    for (let p = place.parent; p && byId.has(p); p = byId.get(p)!.parent) {
      if (chain.includes(p)) {
        messages.push({
          ...at,
          severity: 'error',
          ruleId: 'place-cycle',
          reason: `Place \`${place.id}\` is its own ancestor: ${[...chain, p].join(' → ')}.`,
          fix: 'Correct one `parent` so the chain ends at a country.',
        });
        break;
      }
      chain.push(p);
    }
    if ((place.lat === undefined) !== (place.lon === undefined)) {
      messages.push({
        ...at,
        severity: 'error',
        ruleId: 'invalid-field',
        reason: `Place \`${place.id}\` has only one of \`lat\` and \`lon\`.`,
        fix: 'Give both, in decimal degrees.',
      });
    }
  }
  const gazetteer = new Gazetteer(places);
  messages.push(...checkCoordinates(gazetteer, places, where));
  return { gazetteer, messages };
}

/** A point this far outside its country's outline (degrees, ~55 km) is worth a warning. */
const OUTSIDE_TOLERANCE = 0.5;

/**
 * Checks each point against its country's outline (when the country has an ISO 3166-1 code):
 * a point that lands inside only with latitude and longitude swapped is an error; a point far
 * outside is a warning (coastal towns sit near the outline, so a little outside is fine).
 */
function checkCoordinates(
  gazetteer: Gazetteer,
  places: readonly Place[],
  where: ReadonlyMap<string, { file: string; line: number; column: number }>,
): Message[] {
  const messages: Message[] = [];
  for (const place of places) {
    if (place.lat === undefined || place.lon === undefined) continue;
    const country = gazetteer.countryOf(place);
    const outline = country.id === place.id ? undefined : countryFeature(country.codes['iso3166-1']);
    if (!outline) continue;
    const outside = degreesOutside(outline, [place.lon, place.lat]);
    if (outside <= OUTSIDE_TOLERANCE) continue;
    const at = where.get(place.id)!;
    if (Math.abs(place.lon) <= 90 && degreesOutside(outline, [place.lat, place.lon]) <= OUTSIDE_TOLERANCE) {
      messages.push({
        ...at,
        severity: 'error',
        ruleId: 'swapped-coordinates',
        reason: `Place \`${place.id}\` (lat ${place.lat}, lon ${place.lon}) lies outside ${country.name}; swapped, it lies inside.`,
        fix: `Write \`lat: ${place.lon}\` and \`lon: ${place.lat}\`.`,
      });
    } else {
      messages.push({
        ...at,
        severity: 'warning',
        ruleId: 'place-outside-country',
        reason: `Place \`${place.id}\` (lat ${place.lat}, lon ${place.lon}) lies ${Math.round(outside * 111)} km outside ${country.name}.`,
        fix: 'Check the coordinates (decimal degrees; south and west are negative) and the parent.',
      });
    }
  }
  return messages;
}
