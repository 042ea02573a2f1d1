import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { create } from 'xmlbuilder2';

/** An xmlbuilder2 node (the package exports the type only from a deep path). */
export type XMLBuilder = ReturnType<typeof create>;

export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  atom: 'http://www.w3.org/2005/Atom',
  georss: 'http://www.georss.org/georss',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
} as const;

/**
 * A new XML document. xmlbuilder2 escapes text and attribute values (pass them through `text`
 * first, see there) and drops the characters XML 1.0 cannot hold at all, escaped or not (C0
 * controls other than tab and line ends, lone surrogates, U+FFFE/U+FFFF).
 */
export function xmlDocument(): XMLBuilder {
  return create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '' });
}

/**
 * Every text and attribute value goes through here before it reaches xmlbuilder2.
 *
 * xmlbuilder2 escapes `<`, `>` and quotes, but leaves an `&` that starts something shaped like an
 * entity reference (`&amp;`, `&lt;`, `&D;`) as it is. That would turn an article's HTML text
 * `&lt;script&gt;` into real markup for a feed reader, and `R&D;` into an undefined entity (not
 * well-formed). So every `&` is escaped here first: xmlbuilder2 then finds only `&amp;`s, which
 * it keeps. (Tested by round trips through libxml2 and two feed parsers.) Line ends are
 * normalised to `\n`: a parser turns a raw CR into LF anyway, so the bytes say what readers get.
 */
export function text(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/&/g, '&amp;');
}

/**
 * The document as text, checked well-formed by the serializer (it throws rather than write a
 * name or value that would not parse), ending with a newline.
 */
export function serialize(doc: XMLBuilder): string {
  return `${doc.end({ prettyPrint: true, indent: '  ', newline: '\n', wellFormed: true })}\n`;
}

/**
 * The file of a root-relative URL (`/places/af/feed.xml`) in the output folder. Refuses anything
 * but plain lowercase path segments, so no output can land outside the folder.
 */
export function outputFile(dir: string, url: string): string {
  const segments = url.split('/').slice(1);
  const ok = url.startsWith('/') && segments.length > 0 && segments.every((s, i) => (i === segments.length - 1 ? /^[a-z0-9][a-z0-9._-]*$/ : /^[a-z0-9][a-z0-9-]*$/).test(s) && !s.includes('..'));
  const file = resolve(dir, ...segments);
  const inside = relative(resolve(dir), file);
  if (!ok || inside.startsWith('..') || inside.startsWith(sep)) throw new Error(`Refusing to write output URL ${JSON.stringify(url)}: not a plain file path inside the site.`);
  return file;
}

/** Writes `content` at the file of `url` in `dir`, creating folders. */
export async function writeOutput(dir: string, url: string, content: string): Promise<void> {
  const file = outputFile(dir, url);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content, 'utf8');
}
