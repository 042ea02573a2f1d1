import { posix } from 'node:path';
import slugify from '@sindresorhus/slugify';
import { type CatalogueEntry, inLanguage, nearEntry } from '../catalogues/catalogue.ts';
import { type ArticleDate, canonicalZone, isValidZone, parseArticleDate, suggestZone } from '../dates/article-date.ts';
import { type EventDate, parseEventDate } from '../dates/event-date.ts';
import { imageReferences, isLocalAddress } from '../markdown/body-images.ts';
import { parseBody } from '../markdown/render-markdown.ts';
import { type Gazetteer, splitLocation } from '../places/gazetteer.ts';
import type { Place } from '../places/place.ts';
import { urlSegment } from '../places/url-segment.ts';
import type { Message } from '../report/message.ts';
import { FRONT_MATTER_FIELDS, type FrontMatter, frontMatterSchema, MEDIA_FILE } from './article-schema.ts';
import { type Position, parseYaml } from './parse-yaml.ts';
import { describeIssues, suggest } from './schema-messages.ts';
import { type SplitResult, splitFrontMatter } from './split-front-matter.ts';
import { canonicalLang, textDirection } from './text-direction.ts';

/** An article file as read from disk. */
export interface ContentFile {
  /** Path relative to the project, `/`-separated: `content/2021/08/andarab-resistance.md`. */
  file: string;
  bytes: Uint8Array;
}

/** A checked article, ready to render: every field read, dates in their zone, places resolved. */
export interface CheckedArticle {
  file: string;
  title: string;
  summary?: string;
  date: ArticleDate;
  updated?: ArticleDate;
  zone: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  slug: string;
  status: 'draft' | 'published' | 'withdrawn';
  /** Resolved places in the order written; an unknown one as the deepest known place its path names. */
  places: Place[];
  tags: string[];
  /** Bylines as written: names or ids of the authors file. */
  authors: string[];
  sources: { publisher: string; title?: string; url?: string; date?: ArticleDate }[];
  /** The lead image: its file (relative to the project, as MediaFile names it), its words, and where `src` is. */
  image?: { file: string; alt?: string; caption?: string; credit?: string; line: number; column: number };
  /** The body's images of the content folder: each address as written, its file, and where it is in the article file. */
  bodyImages?: BodyImageAt[];
  eventDate?: EventDate;
  /** Related article ids as written, with where, so an unknown one can be reported. */
  related: { id: string; line: number; column: number }[];
  /** The id of the article this one translates (`translation_of`), with where. */
  translationOf?: { id: string; line: number; column: number };
  corrections: { date: ArticleDate; text: string }[];
  body: string;
  /** File line of the body's first line, for messages about the body. */
  bodyLine: number;
}

/** An image of the content folder a body shows (`![alt](./photo.jpg)`). */
export interface BodyImageAt {
  url: string;
  file: string;
  line: number;
  column: number;
}

export interface CheckContext {
  gazetteer: Gazetteer;
  /** The site's default IANA zone. */
  timezone: string;
  /** The site's default language. */
  lang: string;
  /** The content folder, relative to the project (`content`): where `/`-rooted image paths start. */
  content?: string;
  /** The entries of the topics file, for the tags that are probably misspellings of one. */
  topics: readonly CatalogueEntry[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks one article file. Never throws on bad content: returns every problem found as a
 * positioned message, and the article when it has no errors.
 */
/**
 * The line `dateline new` writes as a new article's body: a check error until the report
 * replaces it (a draft's errors do not stop a build that does not publish it). "TK" is the
 * newsroom's mark for copy to come.
 */
export const BODY_PLACEHOLDER = 'TK: write the report here, then delete `status: draft` to publish it.';

/** `status: draft` in a front matter's text, read without the YAML parser, so a draft whose YAML is broken is still one. */
const DRAFT_STATUS = /^status:[ \t]*(["']?)draft\1(?:[ \t]+#.*)?[ \t]*$/m;

/**
 * Checks one article file. Never throws on bad content: returns every problem found as a
 * positioned message, the article when it has no errors, and whether the file is a draft.
 */
export function checkArticle(
  input: ContentFile,
  context: CheckContext,
): { article?: CheckedArticle; messages: Message[]; draft?: boolean } {
  const messages: Message[] = [];
  const { file } = input;
  const report = (position: Position, severity: Message['severity'], ruleId: string, reason: string, fix?: string) =>
    messages.push({ file, ...position, severity, ruleId, reason, fix });
  const top = { line: 1, column: 1 };

  const read = readArticleText(input.bytes);
  const { text } = read;
  if (text === undefined) {
    report(top, 'error', 'not-text', 'The file is not UTF-8 text.', 'Save it as UTF-8 Markdown, or move it out of `content/`.');
    return { messages };
  }
  if (text.trim() === '') {
    report(
      top,
      'error',
      'empty-file',
      'The file is empty.',
      'Add front matter with `title`, `date` and `location`, then the article, or delete the file.',
    );
    return { messages };
  }
  const split = read.split ?? splitFrontMatter(text);
  if (!split.ok) {
    report(top, 'error', split.ruleId, split.reason, split.fix);
    return { messages };
  }
  const yaml = parseYaml(split.yaml);
  // A draft by what YAML reads (`status : draft`, a quoted key, `!!str draft`), or, when the YAML
  // is broken, by its `status: draft` line.
  const parsedStatus = yaml.syntaxErrors.length === 0 ? (yaml.value as { status?: unknown } | null)?.status : undefined;
  // (A second `status:` line, a duplicate key, makes it no draft: the writer may have published it.)
  const statusLines = split.yaml.match(/^["']?status["']?[ \t]*:/gm)?.length ?? 0;
  const draft = yaml.syntaxErrors.length === 0 ? parsedStatus === 'draft' : statusLines === 1 && DRAFT_STATUS.test(split.yaml);
  for (const e of yaml.syntaxErrors)
    report(
      e.position,
      'error',
      'yaml-syntax',
      `Front matter is not valid YAML: ${e.reason}`,
      'Check quotes, colons and indentation; quote text that contains `: ` or starts with a symbol.',
    );
  if (yaml.syntaxErrors.length > 0) return { messages, draft };

  const data = yaml.value ?? {};
  const at = (path: (string | number)[], target: 'key' | 'value' = 'value') => yaml.positionOf(path, target);
  const parsed = frontMatterSchema.safeParse(data);
  // Fields that are right on their own are still checked further (zone, dates, places) when
  // others are wrong, so one run reports every problem.
  let fm: Partial<FrontMatter> = {};
  if (parsed.success) fm = parsed.data;
  else {
    const fieldsAt = (path: (string | number)[]): string[] =>
      path.length === 0
        ? FRONT_MATTER_FIELDS
        : path[0] === 'image' && path.length === 1
          ? ['src', 'alt', 'caption', 'credit']
          : path[0] === 'sources'
            ? ['publisher', 'title', 'url', 'date']
            : path[0] === 'corrections'
              ? ['date', 'text']
              : [];
    for (const p of describeIssues(parsed.error.issues, data, fieldsAt)) {
      report(
        p.ruleId === 'missing-field' && p.path.length === 0 ? top : at(p.path, p.atKey ? 'key' : 'value'),
        'error',
        p.ruleId,
        p.reason,
        p.fix,
      );
    }
    fm = readValidFields(data);
  }

  let zone = context.timezone;
  if (fm.timezone !== undefined) {
    if (isValidZone(fm.timezone)) zone = canonicalZone(fm.timezone);
    else {
      const guess = suggestZone(fm.timezone);
      report(
        at(['timezone']),
        'error',
        'invalid-timezone',
        `\`timezone\` \`${fm.timezone}\` is not an IANA time zone.`,
        guess ? `Did you mean \`${guess}\`?` : 'Use a name like `Asia/Kabul` or `America/Chicago`.',
      );
    }
  }
  const readDate = (value: string, path: (string | number)[], field: string): ArticleDate | undefined => {
    const result = parseArticleDate(value, zone);
    if (result.ok) {
      if (result.warning) report(at(path), 'warning', 'ambiguous-date', `\`${field}\`: ${result.warning.reason}`, result.warning.fix);
      return result.date;
    }
    report(at(path), 'error', 'invalid-date', `\`${field}\`: ${result.reason}`, result.fix);
    return undefined;
  };
  const date = fm.date === undefined ? undefined : readDate(fm.date, ['date'], 'date');
  const updated = fm.updated === undefined ? undefined : readDate(fm.updated, ['updated'], 'updated');
  if (date && updated && updated.epochMs < date.epochMs) {
    report(at(['updated']), 'error', 'invalid-date', `\`updated\` (${updated.iso}) is before \`date\` (${date.iso}).`, 'Check both dates.');
  }

  let lang = context.lang;
  if (fm.lang !== undefined) {
    const canonical = canonicalLang(fm.lang);
    if (canonical) lang = canonical;
    else
      report(
        at(['lang']),
        'error',
        'invalid-lang',
        `\`lang\` \`${fm.lang}\` is not a language tag.`,
        'Use a BCP 47 tag such as `en`, `fa` or `ps`.',
      );
  }

  const fileSlug = slugify(
    file
      .split('/')
      .pop()!
      .replace(/\.(md|markdown)$/i, ''),
  );
  let slug = fm.slug ?? fileSlug;
  if (fm.slug !== undefined && !SLUG.test(fm.slug)) {
    const better = slugify(fm.slug);
    report(
      at(['slug']),
      'error',
      'invalid-slug',
      `\`slug\` \`${fm.slug}\` may only hold lowercase letters, digits and single hyphens.`,
      better ? `Use \`${better}\`.` : 'Use words joined by hyphens, like `andarab-resistance`.',
    );
    slug = '';
  } else if (!slug) {
    report(
      top,
      'error',
      'invalid-slug',
      `The file name gives no URL slug.`,
      'Add `slug:` with words joined by hyphens, like `andarab-resistance`.',
    );
  }

  const places: Place[] = [];
  const locations = fm.location === undefined ? [] : typeof fm.location === 'string' ? [fm.location] : fm.location;
  locations.forEach((location, i) => {
    if (splitLocation(location).length === 0) {
      report(
        at(typeof fm.location === 'string' ? ['location'] : ['location', i]),
        'error',
        'invalid-field',
        `\`location\` \`${location}\` names no place.`,
        'Write a place such as `Pol-e-Hesar, Baghlan, Afghanistan` or an id such as `af/baghlan/pol-e-hesar`.',
      );
      return;
    }
    const resolution = context.gazetteer.resolve(location);
    // An unknown place is filed under the deepest known place its path names: a misspelling
    // never becomes a public page, a map dot or a search choice.
    const filed = resolution.known ? resolution.place : resolution.anchor;
    if (filed && !places.some((p) => p.id === filed.id)) places.push(filed);
    if (resolution.known && resolution.unmatched?.length) {
      const place = resolution.place;
      const path = context.gazetteer
        .lineage(place)
        .map((p) => p.name)
        .join(', ');
      report(
        at(typeof fm.location === 'string' ? ['location'] : ['location', i]),
        'warning',
        'place-path-mismatch',
        `${resolution.unmatched.map((u) => `\`${u}\``).join(' and ')} in \`${location}\` names no place containing ${place.name}; the article is filed under \`${place.id}\`.`,
        `Write \`${path}\` or the id \`${place.id}\`.`,
      );
    }
    if (!resolution.known) {
      const s = resolution.suggestion;
      const fix = s
        ? `Did you mean \`${s.id}\` (${s.name})? Or add the place to content/places/.`
        : 'Add the place to content/places/, or check the spelling.';
      const where = at(typeof fm.location === 'string' ? ['location'] : ['location', i]);
      const unknown = resolution.created.map((p) => `\`${p.name}\``).join(' and ');
      if (filed) {
        const reason = `Unknown place \`${location}\`: the article is filed under ${filed.name} (\`${filed.id}\`); ${unknown} gets no page of its own.`;
        report(where, 'warning', 'unknown-place', reason, fix);
      } else {
        const reason = `\`${location}\` names no place the gazetteer knows, not even its country: the article cannot be filed.`;
        report(where, 'error', 'no-known-place', reason, fix);
      }
    }
  });

  // A tag one or two letters off a topic of the topics file makes a topic of its own: say so.
  (fm.tags ?? []).forEach((tag, i) => {
    const near = nearEntry(context.topics, tag);
    if (near) {
      const name = inLanguage(near.names, context.lang).text;
      const reason = `Tag \`${tag}\` is not in ${near.at.file}; it makes a topic of its own beside \`${near.id}\` (${name}).`;
      report(
        at(['tags', i]),
        'warning',
        'unknown-topic',
        reason,
        `Did you mean \`${near.id}\`? Or give it an entry of its own (\`${urlSegment(tag, 'topic')}:\`) in ${near.at.file}.`,
      );
    }
  });

  // The lead image: a file beside the article, or under the content folder (`/media/x.jpg`).
  let image: CheckedArticle['image'];
  if (fm.image) {
    const { src, alt, caption, credit } = fm.image;
    const file = mediaFileOf(src, input.file, context.content);
    if (!file) {
      const reason = `\`image.src\` \`${src}\` is not an image file in the content folder.`;
      report(
        at(['image', 'src']),
        'error',
        'missing-image',
        reason,
        'Put the image beside the article (`./photo.jpg`) or under content/ (`/media/photo.jpg`): JPEG, PNG, WebP, AVIF or GIF.',
      );
    } else {
      // Whether the file exists is checked by the build (missingImages), not here: this check is
      // kept while the article's bytes are the same, and the image can come or go meanwhile.
      const words = { ...(alt?.trim() && { alt: alt.trim() }), ...(caption && { caption }), ...(credit && { credit }) };
      image = { file, ...words, ...at(['image', 'src']) };
    }
    if (!alt?.trim()) {
      const reason = 'The lead image has no `alt` text: a reader who cannot see it, or whose connection does not load it, learns nothing.';
      report(at(['image'], 'key'), 'warning', 'image-without-alt', reason, 'Say what the photo shows in `alt`.');
    }
  }

  const sources = (fm.sources ?? []).map((s, i) => ({
    publisher: s.publisher,
    title: s.title,
    url: s.url,
    date: s.date === undefined ? undefined : readDate(s.date, ['sources', i, 'date'], `sources[${i}].date`),
  }));
  let eventDate: EventDate | undefined;
  if (fm.event_date !== undefined) {
    const result = parseEventDate(fm.event_date);
    if (result.ok) eventDate = result.date;
    else report(at(['event_date']), 'error', 'invalid-event-date', `\`event_date\`: ${result.reason}`, result.fix);
  }
  const related = (fm.related ?? []).map((id, i) => ({ id: id.replace(/^\/+|\/+$/g, ''), ...at(['related', i]) }));
  const translationOf =
    fm.translation_of === undefined ? undefined : { id: fm.translation_of.replace(/^\/+|\/+$/g, ''), ...at(['translation_of']) };

  const corrections = (fm.corrections ?? []).flatMap((c, i) => {
    const d = readDate(c.date, ['corrections', i, 'date'], `corrections[${i}].date`);
    return d ? [{ date: d, text: c.text }] : [];
  });

  // The body's images of the content folder, checked as the lead image is; another site's are its own.
  const bodyImages: BodyImageAt[] = [];
  for (const ref of split.body.includes('![') ? imageReferences(parseBody(split.body)) : []) {
    if (!isLocalAddress(ref.url)) continue;
    const where = { line: split.bodyLine + ref.line - 1, column: ref.column };
    const file = mediaFileOf(safeDecode(ref.url.replace(/[?#].*$/, '')), input.file, context.content);
    if (!file) {
      const reason = `The image \`${ref.url}\` is not an image file in the content folder.`;
      const fix =
        'Put the image beside the article (`![…](./photo.jpg)`) or under content/ (`/media/photo.jpg`): JPEG, PNG, WebP, AVIF or GIF.';
      report(where, 'error', 'missing-image', reason, fix);
      continue;
    }
    bodyImages.push({ url: ref.url, file, ...where });
    if (!ref.alt.trim()) {
      const reason = `The image \`${ref.url}\` has no alt text: a reader who cannot see it, or whose connection does not load it, learns nothing.`;
      report(
        where,
        'warning',
        'image-without-alt',
        reason,
        'Say what the photo shows between the brackets: `![Passengers at Kabul airport](…)`.',
      );
    }
  }

  const placeholder = split.body.split('\n').findIndex((line) => line.trim() === BODY_PLACEHOLDER);
  if (placeholder >= 0) {
    const reason = 'The body still holds the placeholder `dateline new` wrote.';
    report({ line: split.bodyLine + placeholder, column: 1 }, 'error', 'placeholder-body', reason, 'Write the report in its place.');
  }

  if (messages.some((m) => m.severity === 'error') || !date || fm.title === undefined) return { messages, draft };
  return {
    draft,
    messages,
    article: {
      file,
      title: fm.title,
      summary: fm.summary,
      date,
      updated,
      zone,
      lang,
      dir: textDirection(lang),
      slug,
      status: fm.status ?? 'published',
      places,
      tags: [...new Set(fm.tags ?? [])],
      authors: [...new Set(fm.authors ?? [])],
      sources,
      ...(image && { image }),
      ...(bodyImages.length > 0 && { bodyImages }),
      corrections,
      eventDate,
      related,
      ...(translationOf && { translationOf }),
      body: split.body,
      bodyLine: split.bodyLine,
    },
  };
}

/**
 * The file of the content folder an image address names, relative to the project (as MediaFile
 * names it): beside the article (`./photo.jpg`), or from the content folder (`/media/photo.jpg`).
 * Undefined when it is no image file there (outside it, another site's, another kind of file).
 */
function mediaFileOf(src: string, article: string, content = 'content'): string | undefined {
  // The content folder as a path prefix: `content/`, or none when the project is the content folder.
  const prefix = content === '' || content === '.' ? '' : `${content}/`;
  const file = posix.normalize(src.startsWith('/') ? `${prefix}${src.replace(/^\/+/, '')}` : posix.join(posix.dirname(article), src));
  const inFolder = prefix ? file.startsWith(prefix) : file !== '..' && !file.startsWith('../') && !file.startsWith('/');
  return inFolder && !/^[a-z][a-z0-9+.-]*:/i.test(src) && MEDIA_FILE.test(file) ? file : undefined;
}

/** A URL's path with its escapes read (`my%20photo.jpg`), or as it is when they are not valid. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The front-matter fields that are valid on their own, when the whole is not. */
function readValidFields(data: unknown): Partial<FrontMatter> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(frontMatterSchema.shape)) {
    const result = schema.safeParse((data as Record<string, unknown>)[key]);
    if (result.success && result.data !== undefined) out[key] = result.data;
  }
  return out as Partial<FrontMatter>;
}

/** UTF-8 text without a BOM, with LF line ends, or undefined for binary data (NUL bytes or invalid UTF-8). */
/**
 * Where the body of a checked article starts in its file's text (`CheckedArticle.body` is the
 * text from there to the end), so that it can be taken again without splitting the front matter.
 */
export function bodyStart(bytes: Uint8Array, article: CheckedArticle): number | undefined {
  const text = decodeText(bytes);
  return text?.endsWith(article.body) ? text.length - article.body.length : undefined;
}

/**
 * The body of an article file as its check will take it (CheckedArticle.body), without checking
 * it: what a build can start rendering while the check runs. Undefined when it has none to take.
 */
export function bodyOfText(bytes: Uint8Array): string | undefined {
  const { split } = readArticleText(bytes);
  return split?.ok ? split.body : undefined;
}

const texts = new WeakMap<Uint8Array, { text?: string; split?: SplitResult }>();

/**
 * An article file's text and its front matter split from its body, made once for the file's bytes:
 * a build's early renders take the body (bodyOfText) before the check reads the file, and each
 * decoded and split every file (0.2 s of the build thread at 1,000 articles). Kept as long as
 * the bytes are (the build lets them go once the bodies are rendered).
 */
function readArticleText(bytes: Uint8Array): { text?: string; split?: SplitResult } {
  let read = texts.get(bytes);
  if (!read) {
    const text = decodeText(bytes);
    read = { text, split: text === undefined || text.trim() === '' ? undefined : splitFrontMatter(text) };
    texts.set(bytes, read);
  }
  return read;
}

/** The body of an article file from where it starts (see bodyStart). */
export function bodyFrom(bytes: Uint8Array, start: number): string {
  return (decodeText(bytes) ?? '').slice(start);
}

function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    // One line-end convention from here on: a CR left at a line end would stick to YAML values.
    // Lines and columns are unchanged.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    return undefined;
  }
}

/** Every image an article names, where it names it: the lead image, then the body's. */
export function imagesOf(a: Pick<CheckedArticle, 'image' | 'bodyImages'>): { file: string; line: number; column: number }[] {
  return [...(a.image ? [a.image] : []), ...(a.bodyImages ?? [])];
}

/**
 * The images of `articles` (lead and body) that are not files of `media`: one error each, at the
 * article's `image.src` or the body's `![…](…)`, with the closest file name in the same folder.
 */
export function missingImages(
  articles: readonly Pick<CheckedArticle, 'file' | 'image' | 'bodyImages'>[],
  media: ReadonlySet<string>,
): Message[] {
  return articles
    .flatMap((a) => imagesOf(a).map((image) => ({ a, image })))
    .flatMap(({ a, image }): Message[] => {
      if (media.has(image.file)) return [];
      const folder = posix.dirname(image.file);
      const near = suggest(
        posix.basename(image.file),
        [...media].filter((m) => posix.dirname(m) === folder).map((m) => posix.basename(m)),
      );
      const fix = near ? `Did you mean \`${near}\`?` : 'Add the file, or correct the path.';
      const reason = `The image \`${image.file}\` does not exist.`;
      return [{ file: a.file, line: image.line, column: image.column, severity: 'error', ruleId: 'missing-image', reason, fix }];
    });
}
