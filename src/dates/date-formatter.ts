/**
 * One formatter per locale, zone and options: building an Intl.DateTimeFormat costs far more
 * than using one, and a large archive formats the same few hundred combinations many times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions, name = JSON.stringify(options)): Intl.DateTimeFormat {
  const key = `${locale}\0${name}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/**
 * Memoizes `make` by a key: dates repeat (thousands of articles share a day, a month, a zone),
 * and formatting one, or making a formatter, costs more than a lookup.
 */
export function memoized<A extends unknown[], R>(key: (...args: A) => string, make: (...args: A) => R): (...args: A) => R {
  const done = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    if (!done.has(k)) done.set(k, make(...args));
    return done.get(k)!;
  };
}
