import { closest } from 'fastest-levenshtein';
import { ENGLISH_TABLE, isPlural, PLURAL_CATEGORIES, type UiEntry, type UiTable } from '../archive/ui-strings.ts';
import { parseYaml } from '../content/parse-yaml.ts';
import type { Message } from '../report/message.ts';
import type { CatalogueFile } from './catalogue.ts';

/**
 * Reads a language's interface table (`locales/<lang>.yaml`) and checks it against the English
 * one, which is the reference: every key it has and no other, each text with the same
 * placeholders, each plural message with `other` and only the categories the language's plural
 * rules have. Problems come back as messages at their line; a missing or broken entry is taken
 * from English, so the page still reads.
 */
export function loadUiTable(source: CatalogueFile): { table: UiTable; messages: Message[] } {
  const { file } = source;
  const messages: Message[] = [];
  const yaml = parseYaml(source.text.replace(/^\uFEFF/, ''));
  for (const e of yaml.syntaxErrors) messages.push({ file, ...e.position, severity: 'error', ruleId: 'yaml-syntax', reason: e.reason });
  const value = yaml.value;
  if (yaml.syntaxErrors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (yaml.syntaxErrors.length === 0)
      messages.push({
        file,
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'invalid-interface-string',
        reason: 'An interface table maps keys to texts.',
        fix: "Start from Dateline's locales/en.yaml and translate the text after each key.",
      });
    return { table: ENGLISH_TABLE, messages };
  }
  const written = value as UiTable;
  const localeText = written.locale;
  const locale = typeof localeText === 'string' && validLocale(localeText) ? localeText : undefined;
  if (localeText !== undefined && !locale)
    messages.push({
      file,
      ...yaml.positionOf(['locale']),
      severity: 'error',
      ruleId: 'invalid-interface-string',
      reason: `\`locale: ${String(localeText)}\` is not a BCP 47 locale.`,
      fix: 'Write the language and, where it matters, the region: `fa-AF`, `ps-AF`, `en-GB`.',
    });
  const categories = new Intl.PluralRules(locale ?? 'en').resolvedOptions().pluralCategories as string[];

  const check = (reference: UiTable, entries: UiTable, path: string[]): UiTable => {
    const merged: UiTable = {};
    const at = (key: string, target: 'key' | 'value' = 'value') => ({ file, ...yaml.positionOf([...path, key], target) });
    const problem = (key: string, reason: string, fix?: string, target: 'key' | 'value' = 'value') =>
      messages.push({ ...at(key, target), severity: 'error', ruleId: 'invalid-interface-string', reason, ...(fix && { fix }) });
    for (const [key, english] of Object.entries(reference)) {
      const name = [...path, key].join('.');
      const entry = entries[key];
      if (entry === undefined) {
        const parent = path.length ? { file, ...yaml.positionOf(path, 'key') } : { file, line: 1, column: 1 };
        messages.push({
          ...parent,
          severity: 'error',
          ruleId: 'missing-interface-string',
          reason: `\`${name}\` is missing: the interface shows it in English.`,
          fix: `Add \`${key}:\` with its translation of ${describe(english)}.`,
        });
        merged[key] = english;
      } else if (typeof english === 'string') {
        if (typeof entry !== 'string') problem(key, `\`${name}\` is one text, not a list of forms.`, `Translate ${describe(english)}.`);
        else if (samePlaceholders(entry, english, name, (reason, fix) => problem(key, reason, fix))) merged[key] = entry;
        if (merged[key] === undefined) merged[key] = english;
      } else if (isPlural(english)) {
        merged[key] = checkPlural(entry, english, name, (reason, fix, inner) =>
          inner === undefined
            ? problem(key, reason, fix)
            : messages.push({
                file,
                ...yaml.positionOf([...path, key, inner], 'key'),
                severity: 'error',
                ruleId: 'invalid-interface-string',
                reason,
                ...(fix && { fix }),
              }),
        );
      } else if (typeof entry !== 'object') {
        problem(key, `\`${name}\` is a group of texts (${Object.keys(english).join(', ')}).`, `Write each under \`${key}:\`.`);
        merged[key] = english;
      } else merged[key] = check(english, entry, [...path, key]);
    }
    for (const key of Object.keys(entries)) {
      if (key in reference) continue;
      const near = closest(key, Object.keys(reference));
      messages.push({
        ...at(key, 'key'),
        severity: 'error',
        ruleId: 'unknown-interface-string',
        reason: `\`${[...path, key].join('.')}\` is no key of the interface.`,
        fix: near ? `Did you mean \`${near}\`? Every key is one of Dateline's locales/en.yaml.` : 'Remove it.',
      });
    }
    return merged;
  };

  /** A plural message with the language's categories: `other` needed, the rest each optional. */
  const checkPlural = (
    entry: UiEntry,
    english: Record<string, string>,
    name: string,
    report: (reason: string, fix?: string, category?: string) => void,
  ): Record<string, string> => {
    const fallback = english;
    if (typeof entry !== 'object' || !Object.values(entry).every((t) => typeof t === 'string')) {
      report(
        `\`${name}\` takes a text for each plural form.`,
        `Write \`other:\` and the forms your language has (${categories.join(', ')}).`,
      );
      return fallback;
    }
    const forms = entry as Record<string, string>;
    let ok = true;
    if (forms.other === undefined) {
      report(`\`${name}\` has no \`other\` form, which every number without a form of its own takes.`, 'Add `other:`.');
      ok = false;
    }
    for (const [category, text] of Object.entries(forms)) {
      if (!categories.includes(category)) {
        const known = PLURAL_CATEGORIES.includes(category)
          ? `the language has no \`${category}\` form`
          : `\`${category}\` is no plural form`;
        report(`\`${name}.${category}\`: ${known} (${categories.join(', ')}).`, undefined, category);
        ok = false;
      } else if (!samePlaceholders(text, english.other!, `${name}.${category}`, (r, f) => report(r, f, category), category !== 'other'))
        ok = false;
    }
    return ok ? forms : fallback;
  };

  const samePlaceholders = (
    text: string,
    english: string,
    name: string,
    report: (reason: string, fix?: string) => void,
    mayOmit = false,
  ): boolean => {
    const wanted = placeholders(english);
    const used = placeholders(text);
    const unknown = [...used].filter((p) => !wanted.has(p));
    const missing = mayOmit ? [] : [...wanted].filter((p) => !used.has(p));
    if (unknown.length > 0) {
      report(`\`${name}\` has \`{${unknown[0]}}\`, which Dateline does not fill in here.`, `Its placeholders: ${list(wanted)}.`);
      return false;
    }
    if (missing.length > 0) {
      report(`\`${name}\` leaves out \`{${missing[0]}}\`.`, `Keep every placeholder of the English text: ${list(wanted)}.`);
      return false;
    }
    return true;
  };

  const table = check(ENGLISH_TABLE, written, []);
  return { table, messages };
}

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
}

function list(names: Set<string>): string {
  return names.size === 0 ? 'none' : [...names].map((n) => `\`{${n}}\``).join(', ');
}

function describe(english: UiEntry): string {
  if (typeof english === 'string') return `“${english}”`;
  if (isPlural(english)) return `“${english.other}” (with its plural forms)`;
  return `the group ${Object.keys(english).join(', ')}`;
}

function validLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
