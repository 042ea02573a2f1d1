import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fg from 'fast-glob';
import { CONFIG_FILE, configFieldsAt, siteConfigSchema, type SiteConfig } from '../config/site-config.ts';
import { parseYaml } from '../content/parse-yaml.ts';
import { describeIssues } from '../content/schema-messages.ts';
import type { ContentFile } from '../content/validate-article.ts';
import type { GazetteerFile } from '../places/load-gazetteer.ts';
import type { Message } from '../report/message.ts';

/** Everything a build reads from disk, read once. */
export interface ProjectFiles {
  config: SiteConfig;
  articles: ContentFile[];
  places: GazetteerFile[];
  messages: Message[];
}

/**
 * Reads `dateline.yaml` (optional), the gazetteer (`<content>/places/*.yaml`) and every article
 * (`<content>/**\/*.md`), sorted by path so builds do not depend on directory order.
 */
export async function readProject(root: string, overrides: Partial<SiteConfig> = {}): Promise<ProjectFiles> {
  const { config, messages: configMessages } = await readConfig(root, overrides);
  const messages = [...configMessages];
  const contentDir = join(root, config.content);
  // A mistyped --root or content folder must not "build" an empty archive.
  const folder = await stat(contentDir).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new Error(`No content folder at ${contentDir}. Run Dateline in the project folder, pass --root, or set \`content\` in ${CONFIG_FILE}.`);
  }
  const toName = (abs: string) => relative(root, abs).split(sep).join('/');
  // Every entry, links included, so nothing is skipped without a word: an article is any
  // .md/.markdown file (any case, anywhere), the gazetteer is places/*.yaml, and a symbolic link
  // is an error (its target could be anything, anywhere).
  const entries = await fg('**/*', { cwd: contentDir, onlyFiles: false, followSymbolicLinks: false, dot: false, objectMode: true });
  const articlePaths: string[] = [];
  const placePaths: string[] = [];
  for (const entry of entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const abs = join(contentDir, entry.path);
    if (entry.dirent.isSymbolicLink()) {
      messages.push({ file: toName(abs), line: 1, column: 1, severity: 'error', ruleId: 'symbolic-link', reason: 'This is a symbolic link; Dateline reads only the files and folders themselves.', fix: 'Copy or move the file into content/, or remove the link.' });
    } else if (entry.dirent.isFile() && ARTICLE_FILE.test(entry.name)) articlePaths.push(abs);
    else if (entry.dirent.isFile() && PLACES_FILE.test(entry.path)) placePaths.push(abs);
  }
  // One file open at a time, read synchronously: an archive of 100,000 files would run out of
  // file descriptors (EMFILE) if every read started together, and small files are read about
  // three times faster this way than through the thread pool.
  const articles = articlePaths.map((p) => ({ file: toName(p), bytes: new Uint8Array(readFileSync(p)) }));
  const places = placePaths.map((p) => ({ file: toName(p), text: readFileSync(p, 'utf8') }));
  return { config, articles, places, messages };
}

/** Article files: Markdown, by extension in any case. */
export const ARTICLE_FILE = /\.(md|markdown)$/i;
/** Gazetteer files: YAML directly in places/. */
const PLACES_FILE = /^places\/[^/]+\.ya?ml$/i;

/** Reads and validates `dateline.yaml`; a missing file means all defaults. */
export async function readConfig(root: string, overrides: Partial<SiteConfig> = {}): Promise<{ config: SiteConfig; messages: Message[] }> {
  let text = '';
  try {
    text = await readFile(join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const yaml = parseYaml(text.replace(/^\uFEFF/, ''));
  const messages: Message[] = yaml.syntaxErrors.map((e) => ({ file: CONFIG_FILE, ...e.position, severity: 'error', ruleId: 'yaml-syntax', reason: e.reason }));
  const raw = { ...((yaml.value as Record<string, unknown> | null) ?? {}), ...stripUndefined(overrides) };
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const p of describeIssues(parsed.error.issues, raw, configFieldsAt)) {
      messages.push({ file: CONFIG_FILE, ...yaml.positionOf(p.path, p.atKey ? 'key' : 'value'), severity: 'error', ruleId: p.ruleId === 'unknown-field' ? 'unknown-field' : 'invalid-config', reason: p.reason, fix: p.fix });
    }
    return { config: siteConfigSchema.parse({}), messages };
  }
  return { config: parsed.data, messages };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
