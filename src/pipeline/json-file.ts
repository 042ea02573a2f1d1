import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a value as JSON whole or not at all: written aside and renamed, so a concurrent or
 * interrupted build never reads half of it. Creates the folder.
 */
export function writeJsonFile(path: string, value: unknown): Promise<void> {
  return writeTextFile(path, JSON.stringify(value));
}

/** Writes text whole or not at all (as writeJsonFile). */
export async function writeTextFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

/** The JSON value in a file; undefined when it is missing or damaged (the cache is then rebuilt). */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * readJsonFile, synchronously: for many small files read one after the other (a cache of
 * thousands of entries), where the thread pool's overhead would cost more than the reads.
 */
export function readJsonFileSync(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** writeJsonFile, synchronously: for many small files written one after the other. */
export function writeJsonFileSync(path: string, value: unknown): void {
  writeTextFileSync(path, JSON.stringify(value));
}

/** writeTextFile, synchronously. */
export function writeTextFileSync(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
