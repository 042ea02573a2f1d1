import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import slugify from '@sindresorhus/slugify';
import { type CatalogueEntry, loadTopics } from '../catalogues/catalogue.ts';
import { CONFIG_FILE, type SiteConfig } from '../config/site-config.ts';
import { parseYaml } from '../content/parse-yaml.ts';
import { checkArticle } from '../content/validate-article.ts';
import { isValidZone, suggestZone } from '../dates/article-date.ts';
import { readProject } from '../pipeline/read-project.ts';
import type { Gazetteer } from '../places/gazetteer.ts';
import { loadGazetteer } from '../places/load-gazetteer.ts';
import type { Place } from '../places/place.ts';
import { asDraftMessages, countMessages, formatMessages, type Message } from '../report/message.ts';
import { UsageError } from './command.ts';

/** What `new` and `import` need of a project: its config and its gazetteer. */
export interface ArticleProject {
  root: string;
  config: SiteConfig;
  gazetteer: Gazetteer;
  /** The topics file's entries. */
  topics: CatalogueEntry[];
  /** Every gazetteer place, for finding the places a text names. */
  places: Place[];
}

/**
 * Reads the project's config and gazetteer. A config with errors stops here: every article of
 * the project would fail `dateline check` with it.
 */
export async function openProject(root: string): Promise<ArticleProject> {
  const project = await readProject(root);
  const configErrors = project.messages.filter((m) => m.file === CONFIG_FILE && m.severity === 'error');
  if (configErrors.length > 0) throw new Error(`Fix the configuration first:\n${formatMessages(configErrors)}`);
  const { gazetteer } = loadGazetteer(project.places);
  // The gazetteer has no list of its places; their ids are the files' top-level keys.
  const ids = project.places.flatMap((f) => Object.keys((parseYaml(f.text).value as Record<string, unknown> | null) ?? {}));
  const places = [...new Set(ids)].flatMap((id) => gazetteer.get(id) ?? []);
  const { topics } = loadTopics(project.topics, project.config.lang);
  return { root, config: project.config, gazetteer, topics, places };
}

/** A new article's path in the project, by convention: `content/YYYY/MM/<slug>.md`, `/`-separated. */
export function articlePath(config: SiteConfig, local: { year: number; month: number }, slug: string): string {
  const folder = config.content.split('\\').join('/').replace(/\/+$/, '');
  return `${folder}/${String(local.year).padStart(4, '0')}/${String(local.month).padStart(2, '0')}/${slug}.md`;
}

/** File names, hence URLs, are cut at a word boundary to stay readable. */
const SLUG_MAX_LENGTH = 60;

/** The file name (and URL slug) for a headline: `taliban-enter-kabul`; empty when it has no letters or digits. */
export function slugForTitle(title: string): string {
  const slug = slugify(title);
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  const cut = slug.lastIndexOf('-', SLUG_MAX_LENGTH);
  return slug.slice(0, cut > 0 ? cut : SLUG_MAX_LENGTH);
}

/** Checks an article's text as `dateline check` will once it is at `file`: every message, and whether any is an error (a draft's are not, unless `asPublished`). */
export function checkArticleText(
  project: ArticleProject,
  file: string,
  text: string,
  asPublished = false,
): { messages: Message[]; ok: boolean } {
  const result = checkArticle(
    { file, bytes: new TextEncoder().encode(text) },
    { gazetteer: project.gazetteer, timezone: project.config.timezone, lang: project.config.lang, topics: project.topics },
  );
  // As a build says them: a draft's errors do not stop it (unless the site publishes drafts).
  const messages = result.draft && !project.config.drafts && !asPublished ? asDraftMessages(result.messages) : result.messages;
  return { messages, ok: countMessages(messages).errors === 0 };
}

/** Writes a new file (and its folders); false, writing nothing, when the file already exists. */
export async function writeNewFile(root: string, file: string, text: string): Promise<boolean> {
  const path = join(root, file);
  await mkdir(dirname(path), { recursive: true });
  try {
    // `wx`: the existence test and the write are one step, so nothing written meanwhile is lost.
    await writeFile(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Refuses a `--timezone` that is not an IANA zone, suggesting the likely one (`Kabul` → `Asia/Kabul`). */
export function checkZoneOption(zone: string): void {
  if (isValidZone(zone)) return;
  const guess = suggestZone(zone);
  throw new UsageError(
    `--timezone \`${zone}\` is not an IANA time zone.${guess ? ` Did you mean \`${guess}\`?` : ' Use a name like `Asia/Kabul`.'}`,
  );
}
