import { z } from 'zod';
import { type correctionSchema, frontMatterSchema, type sourceSchema } from './article-schema.ts';

/** JSON Schema versions `dateline schema` can write. */
export const JSON_SCHEMA_TARGETS = ['draft-2020-12', 'draft-07'] as const;
export type JsonSchemaTarget = (typeof JSON_SCHEMA_TARGETS)[number];

/** Names the schema; a URN, since the schema is printed by each project's Dateline, not served. */
export const FRONT_MATTER_SCHEMA_ID = 'urn:dateline:schema:front-matter';

type Keywords = Record<string, unknown>;

/**
 * The syntax `parseArticleDate` reads: a day, or a local time with optional seconds and offset.
 * The checker still decides whether the day exists and the offset is the zone's.
 */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
const DATE_DESCRIPTION =
  '`2021-08-22` (that whole day in the article’s zone), `2021-08-22T14:30` (a local time in the zone) or `2021-08-22T14:30:00+04:30` (the offset must be the one the zone has then).';
const date = (description: string): Keywords => ({
  description,
  pattern: DATE_PATTERN,
  examples: ['2021-08-22', '2021-08-22T14:30:00+04:30'],
});

// `satisfies` makes the compiler list any field of the zod schema that is not described here.
const FIELDS = {
  title: { description: 'The headline.' },
  date: date(`When the article was published: ${DATE_DESCRIPTION}`),
  location: {
    description:
      'Where: `Pol-e-Hesar, Baghlan, Afghanistan` (most specific first, any known spelling), a gazetteer id `af/baghlan/pol-e-hesar`, or a list of either. An unknown place is a warning.',
    examples: ['Pol-e-Hesar, Baghlan, Afghanistan', 'af/baghlan/pol-e-hesar'],
  },
  timezone: {
    description: 'IANA zone of the article (`Asia/Kabul`); default: the site’s `timezone`.',
    examples: ['Asia/Kabul', 'America/Chicago', 'UTC'],
  },
  tags: { description: 'Topics: `[andarab, taliban]`.' },
  image: {
    description:
      'The lead image: `{src: ./kabul-airport.jpg, alt: …, caption?: …, credit?: …}`; `src` beside the article, or from the content folder (`/media/x.jpg`).',
  },
  authors: { description: 'Bylines: names (`[Jane Doe]`) or ids of content/authors.yaml (`[jane-doe]`).' },
  summary: { description: 'One sentence shown under the headline and in listings.' },
  updated: date(`When the article was last changed, not before \`date\`: ${DATE_DESCRIPTION}`),
  status: {
    description:
      '`published` (default), `draft` (not built unless `--drafts`), `withdrawn` (page kept with a notice, left out of listings).',
  },
  lang: { description: 'BCP 47 language of the article (`fa`, `ps`); default: the site’s `lang`.', examples: ['en', 'fa', 'ps'] },
  slug: { description: 'URL slug, lowercase words joined by hyphens; default: from the file name.', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
  sources: { description: 'What the article is based on: a list of `{publisher, title?, url?, date?}`.' },
  corrections: { description: 'Corrections shown at the end of the article: a list of `{date, text}`.' },
  event_date: {
    description:
      'When the reported events happened, in EDTF: `2021-08-20`, `2021-08`, `2021-08-20/2021-08-22`, `2021-08-20~` (approximate), `2021-08-20?` (uncertain).',
    examples: ['2021-08-20', '2021-08-20/2021-08-22', '2021-08-20~'],
  },
  related: { description: 'Ids of related articles, their URL paths: `[2021/08/22/andarab-resistance]`.' },
  translation_of: {
    description: 'The article this one translates, by its id (URL path), in another language: `2021/08/22/andarab-resistance`.',
    examples: ['2021/08/22/andarab-resistance'],
  },
} satisfies Record<keyof typeof frontMatterSchema.shape, Keywords>;

const SOURCE_FIELDS = {
  publisher: { description: 'Who published the source.' },
  title: { description: 'The source’s title.' },
  url: { description: 'The source’s address (http or https).', pattern: '^https?://' },
  date: date(`When the source was published: ${DATE_DESCRIPTION}`),
} satisfies Record<keyof typeof sourceSchema.shape, Keywords>;

const CORRECTION_FIELDS = {
  date: date(`When the correction was made: ${DATE_DESCRIPTION}`),
  text: { description: 'What was corrected.' },
} satisfies Record<keyof typeof correctionSchema.shape, Keywords>;

/**
 * The front matter as a JSON Schema, generated from the zod schema (the single source of fields)
 * and annotated for editors: descriptions, examples, and patterns for dates and slugs. Like the
 * checker, it refuses unknown fields. It checks the shape only: whether a place is known, a zone
 * exists or an offset matches is for `dateline check`.
 */
export function frontMatterJsonSchema(target: JsonSchemaTarget = 'draft-2020-12'): Keywords {
  const { $schema, ...generated } = z.toJSONSchema(frontMatterSchema, { io: 'input', target }) as Keywords;
  const properties = generated.properties as Record<string, Keywords>;
  annotate(properties, FIELDS);
  annotate(itemProperties(properties.sources), SOURCE_FIELDS);
  annotate(itemProperties(properties.corrections), CORRECTION_FIELDS);
  return {
    $schema,
    $id: FRONT_MATTER_SCHEMA_ID,
    title: 'Dateline article front matter',
    description:
      'The YAML between the `---` lines at the top of a Dateline article (content/YYYY/MM/<slug>.md). `dateline check` checks the same fields, and more.',
    ...generated,
  };
}

function itemProperties(list: Keywords | undefined): Record<string, Keywords> {
  return ((list?.items as Keywords | undefined)?.properties ?? {}) as Record<string, Keywords>;
}

function annotate(properties: Record<string, Keywords>, notes: Record<string, Keywords>): void {
  for (const [field, keywords] of Object.entries(notes)) {
    const property = properties[field];
    if (!property) throw new Error(`The JSON Schema has no property \`${field}\`; update front-matter-json-schema.ts.`);
    // Descriptions first, so editors' hovers and the printed schema read naturally.
    properties[field] = { ...keywords, ...property };
  }
}
