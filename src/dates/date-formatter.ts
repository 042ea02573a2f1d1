/**
 * One formatter per locale, zone and options: building an Intl.DateTimeFormat costs far more
 * than using one, and a large archive formats the same few hundred combinations many times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\0${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
