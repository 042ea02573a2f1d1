import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../package-root.ts';

/**
 * The interface's strings in one language, as its table (`locales/<lang>.yaml`) gives them: a
 * text (with `{name}` placeholders), a plural message (texts by Intl.PluralRules category), or a
 * group of either. Plain data, so it can be part of a build's inputs and hashed.
 */
export type UiTable = { [key: string]: UiEntry };
export type UiEntry = string | UiTable;

/** The plural categories of CLDR, the keys of a plural message. */
export const PLURAL_CATEGORIES: readonly string[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Whether an entry is a plural message (its keys are plural categories) rather than a group. */
export function isPlural(entry: UiEntry): entry is Record<string, string> {
  return typeof entry === 'object' && Object.keys(entry).length > 0 && Object.keys(entry).every((k) => PLURAL_CATEGORIES.includes(k));
}

/** The folder of the tables Dateline ships (English, Dari, Pashto). */
export const SHIPPED_LOCALES = join(PACKAGE_ROOT, 'locales');

/** The reference table: every language's table has its keys and placeholders. */
export const ENGLISH_TABLE: UiTable = parse(readFileSync(join(SHIPPED_LOCALES, 'en.yaml'), 'utf8'), { schema: 'core' });

type Period = 'year' | 'month' | 'day' | 'part';

/** The interface in one language, ready to print: texts, and functions for those that take values. */
export interface UiStrings {
  /** The BCP 47 locale of dates, numbers and lists. */
  dateLocale: string;
  listJoin: string;
  articleCount: (n: number) => string;
  /** A number in the locale's digits, ungrouped: a year, a day of a calendar, a count ("۲۰۲۱"). */
  number: (n: number) => string;
  periodOf: (name: string, period: string) => string;
  dayPart: (day: string, n: number) => string;
  part: (n: number) => string;
  /** An approximate event date (EDTF `~`): "about August 2021". */
  eventAbout: (date: string) => string;
  /** An uncertain event date (EDTF `?`): "20 August 2021 (uncertain)". */
  eventUncertain: (date: string) => string;
  periodsHeading: Record<Period, string>;
  newestListed: (shown: number, period: Period) => string;
  /** "District in Baghlan, Afghanistan": a gazetteer type (`district`, named by `placeTypes`) and the places above. */
  placeIn: (type: string, ancestors: string[]) => string;
  /** The texts the model builder writes into pages itself; templates print the rest (`site.ui`). */
  archive: string;
  authors: string;
  byline: string;
  notInGazetteer: string;
  places: string;
  placesWithin: string;
  /** Between a place and the one it is in ("Pol-e-Hesar, Baghlan"; "پل حصار، بغلان"). */
  placeSeparator: string;
  reports: string;
  topics: string;
  [key: string]: unknown;
}

/** The keys made into values or functions rather than printed as they are. */
const MADE = [
  'locale',
  'placeSeparator',
  'placeTypes',
  'periodOf',
  'dayPart',
  'part',
  'placeIn',
  'placesWithin',
  'eventAbout',
  'eventUncertain',
];

/** Fills a text's `{name}` placeholders. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The interface strings of a table (English when none is given). Numbers are written in the
 * table's locale without grouping (`fa-AF`: ۱۲), a plural message is chosen by the locale's
 * plural rules, and a place's description starts with a capital where the script has them.
 */
export function uiStrings(table: UiTable = ENGLISH_TABLE): UiStrings {
  const text = (key: string, from: UiTable = table): string => {
    const entry = from[key];
    return typeof entry === 'string' ? entry : String(ENGLISH_TABLE[key]);
  };
  const locale = text('locale');
  const number = new Intl.NumberFormat(locale, { useGrouping: false });
  const plurals = new Intl.PluralRules(locale);
  const plural = (entry: UiEntry | undefined, n: number, values: Record<string, string>) => {
    const forms = (typeof entry === 'object' ? entry : {}) as Record<string, string>;
    return fill(forms[plurals.select(n)] ?? forms.other ?? '', values);
  };
  const group = (key: string) => (table[key] ?? ENGLISH_TABLE[key]) as UiTable;
  // What templates print as it is; the rest is made into the functions below.
  const printed = Object.fromEntries(
    Object.entries(table).filter(([key, entry]) => !MADE.includes(key) && (typeof entry === 'string' || !isPluralOrPlurals(entry))),
  );
  return {
    ...printed,
    archive: text('archive'),
    authors: text('authors'),
    byline: text('byline'),
    notInGazetteer: text('notInGazetteer'),
    places: text('places'),
    placesWithin: text('placesWithin'),
    placeSeparator: text('placeSeparator'),
    reports: text('reports'),
    topics: text('topics'),
    dateLocale: locale,
    listJoin: locale,
    articleCount: (n) => plural(table.articleCount, n, { count: number.format(n) }),
    number: (n) => number.format(n),
    periodOf: (name, period) => fill(text('periodOf'), { name, period }),
    dayPart: (day, n) => fill(text('dayPart'), { day, n: number.format(n) }),
    part: (n) => fill(text('part'), { n: number.format(n) }),
    eventAbout: (date) => fill(text('eventAbout'), { date }),
    eventUncertain: (date) => fill(text('eventUncertain'), { date }),
    periodsHeading: group('periodsHeading') as Record<Period, string>,
    newestListed: (shown, period) => plural(group('newestListed')[period], shown, { shown: number.format(shown) }),
    placeIn: (type, ancestors) => {
      type = (group('placeTypes') as Record<string, string>)[type] ?? type;
      const described = ancestors.length ? fill(text('placeIn'), { type, places: ancestors.join(text('placeSeparator')) }) : type;
      return described.charAt(0).toLocaleUpperCase(locale) + described.slice(1);
    },
  };
}

/** A plural message, or a group of them: made into functions, not printed as they are. */
function isPluralOrPlurals(entry: UiEntry): boolean {
  return typeof entry === 'object' && (isPlural(entry) || Object.values(entry).some((e) => typeof e === 'object' && isPlural(e)));
}
