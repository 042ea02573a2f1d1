import type { Gazetteer } from '../places/gazetteer.ts';
import type { Place } from '../places/place.ts';

/**
 * The IANA zone of a country with a single one (`AF` → `Asia/Kabul`), from the runtime's ICU
 * data; undefined for countries with several zones or an unknown code.
 */
export function soleZoneOf(countryCode: string): string | undefined {
  try {
    // Newer runtimes have getTimeZones(); Node 20 has the older `timeZones` getter.
    const locale = new Intl.Locale(`und-${countryCode}`) as Intl.Locale & {
      getTimeZones?: () => string[] | undefined;
      timeZones?: string[];
    };
    const zones = locale.getTimeZones?.() ?? locale.timeZones;
    return zones?.length === 1 ? zones[0] : undefined;
  } catch {
    return undefined;
  }
}

/** The zone of the one country all `places` lie in, when it has one zone (`Kabul` → `Asia/Kabul`), and that country's name. */
export function zoneOfPlaces(places: readonly Place[], gazetteer: Gazetteer): { zone: string; country: string } | undefined {
  const countries = [...new Set(places.map((p) => gazetteer.countryOf(p)))];
  const country = countries.length === 1 ? countries[0] : undefined;
  const code = country?.codes['iso3166-1'];
  const zone = code ? soleZoneOf(code) : undefined;
  return country && zone ? { zone, country: country.name } : undefined;
}
