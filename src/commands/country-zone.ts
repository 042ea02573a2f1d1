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
