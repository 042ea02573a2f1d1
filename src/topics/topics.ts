import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { parseYaml } from '../content/parse-yaml.ts';
import { describeIssues } from '../content/schema-messages.ts';
import { canonicalLang } from '../content/text-direction.ts';
import { urlSegment } from '../places/url-segment.ts';
import type { Message } from '../report/message.ts';

/** The topics file, in the content folder: tag slug → names per language, description. */
export const TOPICS_FILE = 'topics.yaml';

/** The topics file's text and the path to report it by. */
export interface TopicsFile {
  file: string;
  text: string;
}

/** One entry of the topics file: plain data, so a worker or the cache can hold it. */
export interface TopicEntry {
  /** The slug: the topic's URL segment (`/topics/<id>/`) and the tag it names. */
  id: string;
  /** Its name by language (`en`, `fa`), in the order written. */
  names: Record<string, string>;
  /** What the topic page says of it, by language. */
  description?: Record<string, string>;
  /** Where the entry is, for messages about it. */
  at: { file: string; line: number; column: number };
}

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1);
const byLanguage = z.record(z.string(), text);
const topicEntrySchema = z.strictObject({
  names: byLanguage.refine((n) => Object.keys(n).length > 0, { message: 'give at least one name, e.g. `en: National Resistance Front`' }),
  /** One text in the site's language, or one per language. */
  description: z.union([text, byLanguage]).optional(),
});

/**
 * Reads the topics file (none: no entries). Problems come back as messages, never thrown: an
 * entry with one is left out, so its tags are shown as written.
 */
export function loadTopics(source: TopicsFile | undefined, lang: string): { topics: TopicEntry[]; messages: Message[] } {
  const messages: Message[] = [];
  const topics: TopicEntry[] = [];
  if (!source) return { topics, messages };
  const { file } = source;
  const yaml = parseYaml(source.text.replace(/^\uFEFF/, ''));
  for (const e of yaml.syntaxErrors) messages.push({ file, ...e.position, severity: 'error', ruleId: 'yaml-syntax', reason: e.reason });
  if (yaml.syntaxErrors.length > 0) return { topics, messages };
  const value = yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const fix = 'Write `national-resistance-front:` followed by `names: { en: National Resistance Front }`.';
    messages.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      ruleId: 'invalid-topics',
      reason: 'The topics file must map tags to topics.',
      fix,
    });
    return { topics, messages };
  }
  const fieldsOf = (path: (string | number)[]) => (path.length <= 1 ? Object.keys(topicEntrySchema.shape) : []);
  const named = new Map<string, string>();
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = { file, ...yaml.positionOf([id], 'key') };
    if (!TOPIC_ID.test(id)) {
      const slug = urlSegment(id, 'topic');
      const reason = `Topic \`${id}\` is not a slug (lowercase ASCII words joined by hyphens).`;
      messages.push({
        ...at,
        severity: 'error',
        ruleId: 'invalid-topic-id',
        reason,
        fix: `Write \`${slug}:\` and put \`${id}\` in its \`names\`.`,
      });
      continue;
    }
    const parsed = topicEntrySchema.safeParse(entry);
    if (!parsed.success) {
      for (const p of describeIssues(parsed.error.issues, entry, fieldsOf)) {
        const position = yaml.positionOf([id, ...p.path], p.atKey ? 'key' : 'value');
        messages.push({ file, ...position, severity: 'error', ruleId: p.ruleId, reason: `Topic \`${id}\`: ${p.reason}`, fix: p.fix });
      }
      continue;
    }
    // A tag names one topic: by its slug, or by any of its names in any language.
    const keys = [id, ...Object.values(parsed.data.names).map((n) => urlSegment(n, 'topic'))];
    const taken = keys.find((k) => named.has(k) && named.get(k) !== id);
    if (taken !== undefined) {
      const reason = `Topic \`${id}\` has a name or slug (\`${taken}\`) that is also topic \`${named.get(taken)}\`'s: a tag could not tell them apart.`;
      messages.push({ ...at, severity: 'error', ruleId: 'duplicate-topic', reason, fix: 'Merge the two entries, or rename one.' });
      continue;
    }
    const { names, description } = parsed.data;
    const languages = [['names', names] as const, ...(typeof description === 'object' ? [['description', description] as const] : [])];
    const badLanguages = languages.flatMap(([field, texts]) =>
      Object.keys(texts)
        .filter((l) => canonicalLang(l) === undefined)
        .map((l) => [field, l] as const),
    );
    for (const [field, l] of badLanguages) {
      const reason = `Topic \`${id}\`: \`${l}\` in \`${field}\` is not a language tag.`;
      messages.push({
        file,
        ...yaml.positionOf([id, field, l], 'key'),
        severity: 'error',
        ruleId: 'invalid-field',
        reason,
        fix: 'Use a BCP 47 tag: `en`, `fa`, `ps`.',
      });
    }
    if (badLanguages.length > 0) continue;
    for (const k of keys) named.set(k, id);
    topics.push({
      id,
      names,
      ...(description !== undefined && { description: typeof description === 'string' ? { [lang]: description } : description }),
      at,
    });
  }
  return { topics, messages };
}

/** How tags find their topic entries: built once per entries list. */
interface TopicIndex {
  /** Slug of a tag → the entry it names. */
  bySlug: Map<string, TopicEntry>;
  /** Slug of a tag with no entry → the entry it is probably a misspelling of (or none). */
  near: Map<string, TopicEntry | undefined>;
}
const indexes = new WeakMap<readonly TopicEntry[], TopicIndex>();

function indexOf(topics: readonly TopicEntry[]): TopicIndex {
  let index = indexes.get(topics);
  if (!index) {
    const bySlug = new Map<string, TopicEntry>();
    for (const t of topics) for (const key of [t.id, ...Object.values(t.names).map((n) => urlSegment(n, 'topic'))]) bySlug.set(key, t);
    indexes.set(topics, (index = { bySlug, near: new Map() }));
  }
  return index;
}

/** The entry a tag names (its slug, or the slug of one of the entry's names, so case never splits a topic). */
export function topicEntryOf(topics: readonly TopicEntry[], tag: string): TopicEntry | undefined {
  return topics.length === 0 ? undefined : indexOf(topics).bySlug.get(urlSegment(tag, 'topic'));
}

/**
 * The entry a tag without one is probably a misspelling of: the same slug without its hyphens
 * (`nationalresistancefront`), or one or two letters off (`talibaan`, `refugee`). Short slugs
 * must match exactly (`us` is not `uk`), and a longer tag is another topic (`kabul` is not
 * `kabul-airport`).
 */
export function nearTopic(topics: readonly TopicEntry[], tag: string): TopicEntry | undefined {
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
    const slug = TOPIC_ID.test(name);
    const better = !best || (best.slug && !slug) || (best.slug === slug && (n > best.n || (n === best.n && name < best.name)));
    if (better) best = { name, slug, n };
  }
  return best!.slug ? best!.name.replaceAll('-', ' ') : best!.name;
}
