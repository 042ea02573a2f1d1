import { z } from 'zod';

const text = z.string().trim().min(1);
const textList = z.array(text).min(1);

/** A source the article is based on. */
export const sourceSchema = z.strictObject({
  publisher: text,
  title: text.optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  date: text.optional(),
});

/** A correction appended to the article. */
export const correctionSchema = z.strictObject({
  date: text,
  text,
});

/**
 * The front matter a writer may type: the single source of field names and types. Dates are
 * strings here (the YAML core schema keeps them so) and are read in their zone afterwards.
 */
export const frontMatterSchema = z.strictObject({
  title: text,
  date: text,
  location: z.union([text, textList]),
  timezone: text.optional(),
  tags: z.array(text).optional(),
  /** Who wrote it: names (`Jane Doe`) or ids of `content/authors.yaml`. */
  authors: z.array(text).optional(),
  /** The lead image: a file beside the article (`./kabul.jpg`) or under the content folder (`/media/kabul.jpg`). */
  image: z.strictObject({ src: text, alt: z.string().optional(), caption: text.optional(), credit: text.optional() }).optional(),
  summary: text.optional(),
  updated: text.optional(),
  status: z.enum(['draft', 'published', 'withdrawn']).optional(),
  lang: text.optional(),
  slug: text.optional(),
  sources: z.array(sourceSchema).optional(),
  corrections: z.array(correctionSchema).optional(),
  /** When the reported events happened, in EDTF: `2021-08-20`, `2021-08`, `2021-08-20/2021-08-22`. */
  event_date: text.optional(),
  /** Ids of related articles: their URL paths, `2021/08/22/andarab-resistance`. */
  related: z.array(text).optional(),
  /** The article this one translates, by id (its URL path); it must be in another language. */
  translation_of: text.optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Image files an article may use (a lead image): by extension, in any case. */
export const MEDIA_FILE = /\.(jpe?g|png|webp|avif|gif)$/i;

/** Field names a writer may use, for "did you mean" suggestions. */
export const FRONT_MATTER_FIELDS = Object.keys(frontMatterSchema.shape);
