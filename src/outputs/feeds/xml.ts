import { type FeedText, joinedText, joinPieces } from './feed-text.ts';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  georss: 'http://www.georss.org/georss',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/**
 * An element of a feed or sitemap: its name (with its prefix, `georss:point`), its attributes in
 * the order written (namespace declarations among them: `xmlns:dc`), and its text or its child
 * elements (never both: these documents have no mixed content).
 */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  /** The text as xmlText made it already (a long text printed in many documents is escaped once). */
  escaped?: string;
  children?: XmlElement[];
  /** The element's lines as xmlLines wrote them at its depth, in pieces (an entry printed in many feeds is written once); nothing else is read. */
  pieces?: FeedText;
}

/** An element (`xml('title', 'Kabul', { type: 'text' })`). */
export const xml = (name: string, text?: string, attrs?: Record<string, string>): XmlElement => ({ name, text, attrs });

/**
 * Characters XML 1.0 cannot hold, escaped or not: C0 controls other than tab and line ends, lone
 * surrogates, U+FFFE and U+FFFF. Dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as an XML text node holds it: line ends normalised to `\n` (a parser turns a raw CR
 * into LF anyway, so the bytes say what readers get), characters XML cannot hold dropped, and
 * `&`, `<` and `>` escaped. Every `&` is escaped, also one that starts something shaped like an
 * entity reference: an article's HTML text `&lt;script&gt;` stays text for a feed reader, and
 * `R&D;` is no undefined entity. (Tested by round trips through libxml2 and two feed parsers.)
 */
export function xmlText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value, as xmlText and with `"` escaped (the value is written in double quotes). */
export const xmlAttribute = (value: string): string => xmlText(value).replace(/"/g, '&quot;');

/**
 * The document of `root` as text: the XML declaration, then each element on its line, indented
 * two spaces a level; an element with neither text nor children closes itself (`<link …/>`).
 * Written as strings, not through a DOM: the feeds of 10,000 articles are 200 MB, mostly escaped
 * HTML, which xmlbuilder2 built and checked node by node and character by character (the feeds
 * took 20.5 s; 8.7 s written this way, byte for byte the same). Names are Dateline's own
 * constants, so only text and values need escaping.
 */
export function xmlDocument(root: XmlElement): string {
  return joinedText(xmlPieces(root));
}

/** The document of `root` as xmlDocument writes it, in pieces (its elements' `pieces` put in). */
export function xmlPieces(root: XmlElement): FeedText {
  const lines: (string | FeedText)[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  xmlLines(root, '', lines);
  return joinPieces([...lines, ''], '\n');
}

/** An element's lines, as xmlDocument writes it at the depth of `indent`, pushed to `lines`. */
export function xmlLines(element: XmlElement, indent: string, lines: (string | FeedText)[]): void {
  if (element.pieces !== undefined) {
    lines.push(element.pieces);
    return;
  }
  let open = `${indent}<${element.name}`;
  for (const name in element.attrs) open += ` ${name}="${xmlAttribute(element.attrs[name]!)}"`;
  const text = element.escaped ?? (element.text === undefined ? '' : xmlText(element.text));
  if (text !== '') lines.push(`${open}>${text}</${element.name}>`);
  else if (element.children?.length) {
    lines.push(`${open}>`);
    for (const child of element.children) xmlLines(child, `${indent}  `, lines);
    lines.push(`${indent}</${element.name}>`);
  } else lines.push(`${open}/>`);
}
