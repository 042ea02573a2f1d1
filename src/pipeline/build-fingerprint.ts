import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import type { SiteConfig } from '../config/site-config.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import type { Message } from '../report/message.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import type { ProjectFiles } from './read-project.ts';

/**
 * A hash of everything a build's output depends on: every content, place and catalogue file, and the
 * outputs' `version` (outputsVersion: the resolved config, the templates and static files,
 * Dateline's own source and package versions). Equal
 * fingerprints mean the same site, byte for byte (builds are deterministic).
 */
export function buildFingerprint(project: ProjectFiles, version: string): string {
  const hash = createHash('sha256').update(version);
  // Each article by the hash of its path and bytes (read now, or known from the last build).
  for (const a of project.articles) hash.update(`\0a${a.file}\0${a.hash}`);
  for (const p of project.places) hash.update(`\0p${p.file}\0`).update(p.text);
  for (const c of [project.topics, project.authors, ...Object.values(project.strings ?? {})])
    if (c) hash.update(`\0c${c.file}\0`).update(c.text);
  // Each image by its stamp: a photo replaced under the same name is another build.
  for (const m of project.media) hash.update(`\0m${m.file}\0${m.stamp.slice(0, 4).join(' ')}`);
  return hash.digest('hex');
}

/**
 * A hash of what decides every output's bytes besides the content: Dateline itself
 * (sourceVersion), the resolved config, the templates and static files, and other files the
 * config names (the site's icon).
 */
export async function outputsVersion(config: SiteConfig, folders: readonly string[], files: readonly Uint8Array[] = []): Promise<string> {
  const hash = createHash('sha256').update(await sourceVersion());
  // Where the site goes does not change what is in it.
  hash.update(JSON.stringify({ ...config, output: undefined }));
  for (const [n, folder] of folders.entries()) hashFolder(hash, folder, String(n));
  for (const bytes of files) hash.update('\0b').update(bytes);
  return hash.digest('hex');
}

let source: Promise<string> | undefined;
/** A hash of Dateline itself: the runtime (ICU decides how dates are written), its source, its interface tables and the installed package versions. */
export function sourceVersion(): Promise<string> {
  source ??= Promise.resolve().then(() => {
    const hash = createHash('sha256');
    hash.update(`node ${process.versions.node} icu ${process.versions.icu ?? ''}\n`);
    hashFolder(hash, join(PACKAGE_ROOT, 'src'), 'src');
    // The interface tables: English is every site's default, and the others are read from here.
    hashFolder(hash, join(PACKAGE_ROOT, 'locales'), 'locales');
    // The country outlines' point weights and the country views' outlines (npm run outlines),
    // which decide the maps.
    hashFolder(hash, join(PACKAGE_ROOT, 'data'), 'data');
    hash.update(readFirst(join(PACKAGE_ROOT, 'package-lock.json'), join(PACKAGE_ROOT, 'package.json')));
    return hash.digest('hex');
  });
  return source;
}

/** The bytes of `file`, or of `otherwise` when `file` cannot be read. */
function readFirst(file: string, otherwise: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return readFileSync(otherwise);
  }
}

/**
 * Hashes a folder's files, read synchronously: Dateline's source and the templates, some 150
 * small files, read through the thread pool one after the other took 60-100 ms of a small
 * build's start, against a few milliseconds this way (the event loop is held that long).
 */
function hashFolder(hash: Hash, folder: string, label: string): void {
  const files = fg.sync('**/*', { cwd: folder, onlyFiles: true, dot: true }).sort();
  for (const f of files) hash.update(`\0f${label}/${f}\0`).update(readFileSync(join(folder, f)));
}

/** What a build reported, kept so an up-to-date build can say the same (warnings included). */
export interface LastBuild {
  fingerprint: string;
  output: string;
  messages: Message[];
  articles: number;
  pages: number;
  files: number;
}

export async function readLastBuild(path: string): Promise<LastBuild | undefined> {
  return (await readJsonFile(path)) as LastBuild | undefined;
}

export const writeLastBuild = (path: string, last: LastBuild): Promise<void> => writeJsonFile(path, last);
