import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import type { UiTable } from '../archive/ui-strings.ts';
import { type SiteConfig, siteLanguages } from '../config/site-config.ts';
import { parseYaml } from '../content/parse-yaml.ts';
import { describeIssues } from '../content/schema-messages.ts';
import { canonicalLang } from '../content/text-direction.ts';
import { urlSegment } from '../places/url-segment.ts';
import type { Message } from '../report/message.ts';
import { loadUiTable } from './interface-strings.ts';

/**
 * The catalogues of the content folder: `topics.yaml` (tag slug → names per language, a
 * description) and `authors.yaml` (author id → names per language, a bio, a link). Both are
 * optional; a tag or author without an entry is shown as written.
 */
export type CatalogueKind = 'topic' | 'author';
export const CATALOGUE_FILES: Readonly<Record<CatalogueKind, string>> = { topic: 'topics.yaml', author: 'authors.yaml' };

/** A catalogue file's text and the path to report it by. */
export interface CatalogueFile {
  file: string;
  text: string;
}

/** One entry of a catalogue: plain data, so a worker or the cache can hold it. */
export interface CatalogueEntry {
  /** The slug: the page's URL segment (`/topics/<id>/`, `/authors/<id>/`) and the name it is written by. */
  id: string;
  /** Its name by language (`en`, `fa`), in the order written. */
  names: Record<string, string>;
  /** What its page says of it, by language: a topic's description, an author's bio. */
  description?: Record<string, string>;
  /** An author's own page elsewhere (`url`). */
  url?: string;
  /** Where the entry is, for messages about it. */
  at: { file: string; line: number; column: number };
}

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1);
const byLanguage = z.record(z.string(), text);
const names = byLanguage.refine((n) => Object.keys(n).length > 0, {
  message: 'give at least one name, e.g. `en: National Resistance Front`',
});
/** One text in the site's language, or one per language. */
const aboutText = z.union([text, byLanguage]).optional();
const ENTRY_SCHEMAS = {
  topic: z.strictObject({ names, description: aboutText }),
  author: z.strictObject({ names, bio: aboutText, url: z.url({ protocol: /^https?$/ }).optional() }),
};
const EXAMPLES: Record<CatalogueKind, string> = {
  topic: 'Write `national-resistance-front:` followed by `names: { en: National Resistance Front }`.',
  author: 'Write `jane-doe:` followed by `names: { en: Jane Doe }`.',
};
const KIND_NAMES: Record<CatalogueKind, string> = { topic: 'Topic', author: 'Author' };

/** The entries of the topics and authors files. */
export interface Catalogues {
  topics: CatalogueEntry[];
  authors: CatalogueEntry[];
  /** The interface's strings in each of the site's languages that has a table (loadUiTable), by language; English for the others. */
  strings?: Record<string, UiTable>;
}

/** Reads a project's topics and authors files (each optional) and its interface tables, with their messages. */
export function loadCatalogues(project: {
  topics?: CatalogueFile;
  authors?: CatalogueFile;
  strings?: Record<string, CatalogueFile>;
  config: SiteConfig;
}): {
  catalogues: Catalogues;
  messages: Message[];
} {
  const topics = loadCatalogue(project.topics, project.config.lang, 'topic');
  const authors = loadCatalogue(project.authors, project.config.lang, 'author');
  const messages = [...topics.messages, ...authors.messages];
  const strings: Record<string, UiTable> = {};
  for (const { lang } of siteLanguages(project.config)) {
    const file = project.strings?.[lang];
    if (file) {
      const loaded = loadUiTable(file);
      strings[lang] = loaded.table;
      messages.push(...loaded.messages);
    } else if (lang.split('-')[0] !== 'en')
      messages.push({
        file: 'dateline.yaml',
        line: 1,
        column: 1,
        severity: 'warning',
        ruleId: 'untranslated-interface',
        reason: `Dateline has no interface table for \`${lang}\`: the pages around the articles are in English.`,
        fix: `Copy Dateline's locales/en.yaml to locales/${lang}.yaml beside dateline.yaml and translate it.`,
      });
  }
  return {
    catalogues: { topics: topics.entries, authors: authors.entries, ...(Object.keys(strings).length > 0 && { strings }) },
    messages,
  };
}

/** Reads the topics file: loadCatalogue's topics. */
export const loadTopics = (source: CatalogueFile | undefined, lang: string): { topics: CatalogueEntry[]; messages: Message[] } => {
  const { entries, messages } = loadCatalogue(source, lang, 'topic');
  return { topics: entries, messages };
};

/**
 * Reads a catalogue file (none: no entries). Problems come back as messages, never thrown: an
 * entry with one is left out, so what it names is shown as written.
 */
export function loadCatalogue(
  source: CatalogueFile | undefined,
  lang: string,
  kind: CatalogueKind,
): { entries: CatalogueEntry[]; messages: Message[] } {
  const messages: Message[] = [];
  const entries: CatalogueEntry[] = [];
  if (!source) return { entries, messages };
  const { file } = source;
  const Kind = KIND_NAMES[kind];
  const yaml = parseYaml(source.text.replace(/^\uFEFF/, ''));
  for (const e of yaml.syntaxErrors) messages.push({ file, ...e.position, severity: 'error', ruleId: 'yaml-syntax', reason: e.reason });
  if (yaml.syntaxErrors.length > 0) return { entries, messages };
  const value = yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const reason = `The ${kind}s file must map ids to ${kind}s.`;
    messages.push({ file, line: 1, column: 1, severity: 'error', ruleId: `invalid-${kind}s`, reason, fix: EXAMPLES[kind] });
    return { entries, messages };
  }
  const schema = ENTRY_SCHEMAS[kind];
  const fieldsOf = (path: (string | number)[]) => (path.length <= 1 ? Object.keys(schema.shape) : []);
  const named = new Map<string, string>();
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = { file, ...yaml.positionOf([id], 'key') };
    if (!ENTRY_ID.test(id)) {
      const slug = urlSegment(id, kind);
      const reason = `${Kind} \`${id}\` is not a slug (lowercase ASCII words joined by hyphens).`;
      messages.push({
        ...at,
        severity: 'error',
        ruleId: `invalid-${kind}-id`,
        reason,
        fix: `Write \`${slug}:\` and put \`${id}\` in its \`names\`.`,
      });
      continue;
    }
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      for (const p of describeIssues(parsed.error.issues, entry, fieldsOf)) {
        const position = yaml.positionOf([id, ...p.path], p.atKey ? 'key' : 'value');
        messages.push({ file, ...position, severity: 'error', ruleId: p.ruleId, reason: `${Kind} \`${id}\`: ${p.reason}`, fix: p.fix });
      }
      continue;
    }
    const data = parsed.data as {
      names: Record<string, string>;
      description?: string | Record<string, string>;
      bio?: string | Record<string, string>;
      url?: string;
    };
    const about = data.description ?? data.bio;
    const aboutField = kind === 'topic' ? 'description' : 'bio';
    const languages = [['names', data.names] as const, ...(typeof about === 'object' ? [[aboutField, about] as const] : [])];
    const badLanguages = languages.flatMap(([field, texts]) =>
      Object.keys(texts)
        .filter((l) => canonicalLang(l) === undefined)
        .map((l) => [field, l] as const),
    );
    for (const [field, l] of badLanguages) {
      const reason = `${Kind} \`${id}\`: \`${l}\` in \`${field}\` is not a language tag.`;
      const position = yaml.positionOf([id, field, l], 'key');
      messages.push({ file, ...position, severity: 'error', ruleId: 'invalid-field', reason, fix: 'Use a BCP 47 tag: `en`, `fa`, `ps`.' });
    }
    if (badLanguages.length > 0) continue;
    // A name finds one entry: by its slug, or by any of its names in any language.
    const keys = [id, ...Object.values(data.names).map((n) => urlSegment(n, kind))];
    const taken = keys.find((k) => named.has(k) && named.get(k) !== id);
    if (taken !== undefined) {
      const reason = `${Kind} \`${id}\` has a name or slug (\`${taken}\`) that is also ${kind} \`${named.get(taken)}\`'s: they could not be told apart.`;
      messages.push({ ...at, severity: 'error', ruleId: `duplicate-${kind}`, reason, fix: 'Merge the two entries, or rename one.' });
      continue;
    }
    for (const k of keys) named.set(k, id);
    const description = about === undefined ? undefined : typeof about === 'string' ? { [lang]: about } : about;
    entries.push({ id, names: data.names, ...(description && { description }), ...(data.url && { url: data.url }), at });
  }
  return { entries, messages };
}

/** How names find their entries: built once per entries list. */
interface EntryIndex {
  /** Slug of a tag → the entry it names. */
  bySlug: Map<string, CatalogueEntry>;
  /** Slug of a tag with no entry → the entry it is probably a misspelling of (or none). */
  near: Map<string, CatalogueEntry | undefined>;
}
const indexes = new WeakMap<readonly CatalogueEntry[], EntryIndex>();

function indexOf(topics: readonly CatalogueEntry[]): EntryIndex {
  let index = indexes.get(topics);
  if (!index) {
    const bySlug = new Map<string, CatalogueEntry>();
    for (const t of topics) for (const key of [t.id, ...Object.values(t.names).map((n) => urlSegment(n, 'topic'))]) bySlug.set(key, t);
    indexes.set(topics, (index = { bySlug, near: new Map() }));
  }
  return index;
}

/** The entry a tag names (its slug, or the slug of one of the entry's names, so case never splits a topic). */
export function entryNamed(topics: readonly CatalogueEntry[], tag: string): CatalogueEntry | undefined {
  return topics.length === 0 ? undefined : indexOf(topics).bySlug.get(urlSegment(tag, 'topic'));
}

/**
 * The entry a tag without one is probably a misspelling of: the same slug without its hyphens
 * (`nationalresistancefront`), or one or two letters off (`talibaan`, `refugee`). Short slugs
 * must match exactly (`us` is not `uk`), and a longer tag is another topic (`kabul` is not
 * `kabul-airport`).
 */
export function nearEntry(topics: readonly CatalogueEntry[], tag: string): CatalogueEntry | undefined {
  if (topics.length === 0) return undefined;
  const index = indexOf(topics);
  const slug = urlSegment(tag, 'topic');
  if (index.bySlug.has(slug)) return undefined;
  if (!index.near.has(slug)) index.near.set(slug, index.bySlug.get(closestSlug(slug, index.bySlug.keys()) ?? ''));
  return index.near.get(slug);
}

/**
 * Of `slugs`, the one `slug` is probably a misspelling of: the same without hyphens, or one letter
 * off (two from ten letters); none for a short slug (`us` is not `uk`). Ties: the first in order.
 */
export function closestSlug(slug: string, slugs: Iterable<string>): string | undefined {
  const bare = slug.replaceAll('-', '');
  let best: { slug: string; d: number } | undefined;
  for (const other of slugs) {
    const otherBare = other.replaceAll('-', '');
    const shorter = Math.min(bare.length, otherBare.length);
    const allowed = shorter >= 10 ? 2 : shorter >= 5 ? 1 : 0;
    if (Math.abs(bare.length - otherBare.length) > allowed) continue;
    const d = bare === otherBare ? 0 : distance(bare, otherBare);
    if (d <= allowed && (!best || d < best.d || (d === best.d && other < best.slug))) best = { slug: other, d };
  }
  return best?.slug;
}

/** A text by language, in `lang` if it has one, else the first written, with the language it is in. */
export function inLanguage(texts: Record<string, string>, lang: string): { text: string; lang: string } {
  const own = texts[lang] ?? Object.entries(texts).find(([l]) => l.split('-')[0] === lang.split('-')[0])?.[1];
  if (own !== undefined) return { text: own, lang };
  const [first, text] = Object.entries(texts)[0]!;
  return { text, lang: first };
}

/**
 * How a tag without an entry is shown: as written, but a slug (`kabul-airport`) with spaces for
 * its hyphens (`kabul airport`); of several spellings of one topic, the one most used, a written
 * name before a slug.
 */
export function writtenName(spellings: ReadonlyMap<string, number>): string {
  let best: { name: string; slug: boolean; n: number } | undefined;
  for (const [name, n] of spellings) {
    const slug = ENTRY_ID.test(name);
    const better = !best || (best.slug && !slug) || (best.slug === slug && (n > best.n || (n === best.n && name < best.name)));
    if (better) best = { name, slug, n };
  }
  return best!.slug ? best!.name.replaceAll('-', ' ') : best!.name;
}
