import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RenderedBody } from '../markdown/render-markdown.ts';
import { readJsonFileSync, writeJsonFileSync } from './json-file.ts';
import type { MarkdownBody } from './render-bodies.ts';

/**
 * The renders' cache (`.dateline-cache/markdown`): a rendered body by its key, one JSON file
 * each, and what the model keeps of a render. Used by the build thread and by the Markdown
 * workers, which store what they render themselves.
 */

/** What the model keeps of a body: its first paragraph, and a hash of its plain text (what a search record holds of it). */
export interface BodySummary {
  firstParagraph: string;
  textKey: string;
}

export function summaryOf(body: RenderedBody): BodySummary;
export function summaryOf(body: RenderedBody | undefined): BodySummary | undefined;
export function summaryOf(body: RenderedBody | undefined): BodySummary | undefined {
  return body && { firstParagraph: body.firstParagraph, textKey: createHash('sha256').update(body.text).digest('hex') };
}

/**
 * A render the pool made: its summary, and the body itself unless the worker stored it in the
 * cache folder (so the renders of a large archive are never all held together, nor copied back
 * to the build thread: at 100,000 articles, 1.5 GB).
 */
export interface PoolRender {
  summary: BodySummary;
  body?: RenderedBody;
}

/** What a Markdown worker is sent: bodies to render, by key, and the cache folder to store them in, if any. */
export interface RenderBatch {
  keys: string[];
  bodies: MarkdownBody[];
  cacheDir?: string;
}

export const entryPath = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.json`);

/** A cached render; none when missing or damaged (an interrupted write, a hand edit): render again. */
export function readEntry(dir: string, key: string): RenderedBody | undefined {
  const value = readJsonFileSync(entryPath(dir, key)) as Partial<RenderedBody> | undefined;
  return typeof value?.html === 'string' && typeof value.firstParagraph === 'string' && typeof value.text === 'string'
    ? (value as RenderedBody)
    : undefined;
}

export const writeEntrySync = (dir: string, key: string, body: RenderedBody): void => writeJsonFileSync(entryPath(dir, key), body);
