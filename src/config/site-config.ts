import { z } from 'zod';
import { canonicalLang } from '../content/text-direction.ts';
import { canonicalZone, isValidZone } from '../dates/article-date.ts';

/**
 * Published articles one Pagefind index may hold. Pagefind's memory while indexing grows with the
 * index (about 2.8 GiB at 10,000 generated articles), so larger archives get several indexes of
 * consecutive articles, each built on its own, and the search page merges them.
 */
export const DEFAULT_SPLIT_ABOVE = 5000;

/**
 * Published articles above which the search page's place, topic and language choices start
 * closed, loading their part of the index when a reader opens them. Together they cost a first
 * search about 13 KiB per 1,000 articles (measured: 267 KiB in all at 5,000 articles with every
 * choice open; 290 KiB at 10,000 with these closed, gzip transfer).
 */
export const DEFAULT_FACETS_COLLAPSED_ABOVE = 5000;

/**
 * Changed records (with the old records they hide) an incremental build indexes into the search
 * overlay instead of indexing their bundles again: an overlay is indexed again on each build that
 * changes it, about 3 ms a record here, against 16 s for a bundle of 5,000.
 */
export const DEFAULT_OVERLAY_MAX = 200;

const searchConfigSchema = z.strictObject({
  /** `false`: no search page, no search box in the header, no index. */
  enabled: z.boolean().default(true),
  /** Above this many published articles, the index is split into bundles of at most this many (consecutive in time). */
  split_above: z.number().int().min(1).default(DEFAULT_SPLIT_ABOVE),
  /** Above this many published articles, the place, topic and language choices start closed and load when opened. */
  facets_collapsed_above: z.number().int().min(0).default(DEFAULT_FACETS_COLLAPSED_ABOVE),
  /**
   * Changed records an incremental build puts in the overlay bundle, beside bundles it keeps,
   * before it writes the bundles again as a clean build would; `0`: always as a clean build.
   */
  overlay_max: z.number().int().min(0).default(DEFAULT_OVERLAY_MAX),
});

/** The most reports one listing page prints (a place, topic or period page; see listingsConfigSchema). */
export const DEFAULT_MAX_REPORTS = 200;
/** The newest reports a place or topic page, or a period too large to list whole, prints. */
export const DEFAULT_NEWEST_REPORTS = 50;

/**
 * How listings are sliced by time: a place or topic page prints its newest reports and links a
 * page per year; a period with more than `max_reports` reports prints its newest and links a page
 * per month (of a year), day (of a month) or part (of a day) instead.
 */
const listingsConfigSchema = z
  .strictObject({
    max_reports: z.number().int().min(1).default(DEFAULT_MAX_REPORTS),
    newest: z.number().int().min(1).default(DEFAULT_NEWEST_REPORTS),
  })
  .refine((l) => l.newest <= l.max_reports, { message: '`newest` cannot be larger than `max_reports`', path: ['newest'] });

const languageTag = z.string().refine((l) => canonicalLang(l) !== undefined, { message: 'not a BCP 47 language tag' });

/** One of the site's languages: its tag, or the tag with the site's title and description in it. */
const siteLanguageSchema = z.union([
  languageTag,
  z.strictObject({
    lang: languageTag,
    title: z.string().trim().min(1).optional(),
    description: z.string().trim().min(1).optional(),
  }),
]);

/**
 * Folders of the site's root that no language's pages may be under (its tag would name one):
 * the date archive, indexes, search, data and assets.
 */
const ROOT_FOLDERS = new Set(['archive', 'places', 'topics', 'authors', 'search', 'data', 'media', 'pagefind']);

/** The keys of `dateline.yaml` at a path (`[]`: the top level; `['search']`), for suggestions. */
export function configFieldsAt(path: readonly (string | number)[]): string[] {
  if (path[0] === 'search') return Object.keys(searchConfigSchema.shape);
  if (path[0] === 'listings') return Object.keys(listingsConfigSchema.shape);
  if (path[0] === 'languages') return ['lang', 'title', 'description'];
  return Object.keys(siteConfigSchema.shape);
}

/**
 * `dateline.yaml` at the project root: the site's identity and defaults. Every field is
 * optional; the defaults build the bundled example archive.
 */
export const siteConfigSchema = z
  .strictObject({
    title: z.string().trim().min(1).default('Dateline'),
    description: z.string().trim().min(1).default('A searchable archive of dated, placed reporting.'),
    /** Who publishes the archive: named in feeds and structured data (default: the title). */
    publisher: z.string().trim().min(1).optional(),
    /** Absolute base URL of the published site, used by canonical links, feeds and sitemaps. */
    url: z
      .url({ protocol: /^https?$/ })
      .default('http://127.0.0.1:8080/')
      .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
    /** Zone for articles that do not name one. Never the machine's zone. */
    timezone: z
      .string()
      .refine(isValidZone, { message: 'not an IANA time zone (e.g. Asia/Kabul)' })
      .transform(canonicalZone)
      .default('UTC'),
    /** Language of the interface and of articles that do not name one. */
    lang: languageTag.default('en'),
    /** Folders, relative to the project root. */
    content: z.string().default('content'),
    output: z.string().default('_site'),
    /**
     * `portable`: relative links to `…/index.html`, so the site also browses from disk or a USB
     * stick. `clean`: relative links to `…/`, for a web server that serves index.html.
     */
    links: z.enum(['portable', 'clean']).default('portable'),
    /**
     * The site's icon: an SVG, relative to the project root, made into the favicon, the
     * apple-touch icon and the web manifest's icons at build time. Default: Dateline's.
     */
    icon: z
      .string()
      .regex(/\.svg$/i, { message: 'must be an SVG file (`branding/icon.svg`): every size is made from it' })
      .optional(),
    /** Build articles with `status: draft` too (for previews). */
    drafts: z.boolean().default(false),
    /** Search: on or off, and when to split the index (`search: false` is short for `enabled: false`). */
    search: z
      .preprocess((v) => (typeof v === 'boolean' ? { enabled: v } : v), searchConfigSchema)
      .default({
        enabled: true,
        split_above: DEFAULT_SPLIT_ABOVE,
        facets_collapsed_above: DEFAULT_FACETS_COLLAPSED_ABOVE,
        overlay_max: DEFAULT_OVERLAY_MAX,
      }),
    /** How many reports a listing page prints, and the newest a place, topic or large period page shows. */
    listings: listingsConfigSchema.default({ max_reports: DEFAULT_MAX_REPORTS, newest: DEFAULT_NEWEST_REPORTS }),
    /**
     * The site's languages, the default first (its pages at the root, the others' under `/<lang>/`),
     * each a tag or `{lang, title, description}`. Absent: one language, `lang`.
     */
    languages: z.array(siteLanguageSchema).min(1).optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.languages?.forEach((entry, i) => {
      const tag = typeof entry === 'string' ? entry : entry.lang;
      const base = languageFolder(tag);
      const path = typeof entry === 'string' ? ['languages', i] : ['languages', i, 'lang'];
      if (seen.has(base)) ctx.addIssue({ code: 'custom', path, message: `\`${tag}\` is listed twice` });
      else if (ROOT_FOLDERS.has(base))
        ctx.addIssue({ code: 'custom', path, message: `\`${tag}\` would put its pages in the site's \`${base}/\` folder` });
      seen.add(base);
    });
  });

export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** One language of the site, with its title and description, and where its pages are (SiteConfig.languages). */
export interface SiteLanguage {
  lang: string;
  title: string;
  description: string;
  /** Its home's URL: `/` for the default language, `/fa/` for another. */
  base: string;
}

/**
 * The site's languages, the default first: `languages`, each with the site's title and
 * description where it gives none; without it, the one language `lang`.
 */
export function siteLanguages(config: SiteConfig): SiteLanguage[] {
  const entries = config.languages ?? [config.lang];
  return entries.map((entry, i) => {
    const { lang, title, description } = typeof entry === 'string' ? { lang: entry, title: undefined, description: undefined } : entry;
    return {
      lang: canonicalLang(lang)!,
      title: title ?? config.title,
      description: description ?? config.description,
      base: i === 0 ? '/' : `/${languageFolder(lang)}/`,
    };
  });
}

/** The folder a language's pages are under: its tag in lowercase (`fa`, `fa-af`). */
function languageFolder(lang: string): string {
  return (canonicalLang(lang) ?? lang).toLowerCase();
}
export const CONFIG_FILE = 'dateline.yaml';
