import type { Element, Root } from 'hast';
import { toString as textOf } from 'hast-util-to-string';
import type { RootContent as MdastContent, Root as MdastRoot } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { combineExtensions } from 'micromark-util-combine-extensions';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { type Processor, unified } from 'unified';
import { EXIT, visit } from 'unist-util-visit';
import { type BodyImages, rehypeBodyImages, remarkBodyImages } from './body-images.ts';
import { rehypeHtml5 } from './rehype-html5.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/**
 * The one Markdown processor: GFM, raw HTML passed through only to be sanitized by an explicit
 * schema, then heading ids added (after sanitizing, so they are ours) and the result made valid
 * HTML5 (rehype-html5.ts). Frozen and reused.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkBodyImages)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRawWhenPresent)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeSlug)
  .use(rehypeBodyImages)
  .use(rehypeHtml5)
  .use(rehypeStringify)
  .freeze();

/**
 * GFM less its autolink literals: remark-gfm's setup (micromark-extension-gfm, mdast-util-gfm)
 * without gfmAutolinkLiteral's syntax, tried at every letter and digit of the text (a third of the
 * parse: 1.4 ms of a 4.8 KB report's 4.4), nor its tree transform, which searches every text
 * node for addresses with four regular expressions (a twelfth of a render).
 */
function remarkGfmWithoutAutolinkLiterals(this: Processor) {
  const data = this.data();
  const syntax = combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()]);
  const trees = [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];
  (data.micromarkExtensions ??= []).push(syntax);
  (data.fromMarkdownExtensions ??= []).push(trees);
}
const leanParser = unified().use(remarkParse).use(remarkGfmWithoutAutolinkLiterals).freeze();

/** What an autolink literal starts with: `www.`, `http://`, `https://`, or an email's `@`. */
const AUTOLINK_LITERAL = /www\.|https?:\/\/|@/i;

/**
 * The body's Markdown tree, as the GFM processor parses it. An autolink literal, whether GFM's
 * syntax or its tree transform finds it, starts in the text, so a body whose source holds no such
 * start (nor a character reference) is parsed without them, and one that holds some (in a link's
 * address, mostly) is too, unless its tree then shows one in its text: then it is parsed again
 * with them. The same tree either way, positions included (tested).
 */
export function parseBody(markdown: string): MdastRoot {
  // A character reference (`&#64;`) can put a start in the text that the source does not show.
  if (!AUTOLINK_LITERAL.test(markdown) && !markdown.includes('&')) return leanParser.parse(markdown);
  const lean = leanParser.parse(markdown);
  const literal = (node: MdastRoot | MdastContent): boolean => {
    const text = node.type === 'text' ? node.value : node.type === 'image' || node.type === 'imageReference' ? node.alt : undefined;
    if (text && AUTOLINK_LITERAL.test(text)) return true;
    return 'children' in node && node.children.some(literal);
  };
  return literal(lean) ? processor.parse(markdown) : lean;
}

/**
 * rehype-raw re-parses the whole tree through an HTML parser, a third of the Markdown stage;
 * most articles hold no raw HTML, so skip it for them. The document is the same; the bytes
 * differ only where rehype-raw would have written a boolean data attribute as `=""`
 * (footnotes: `data-footnote-ref` rather than `data-footnote-ref=""`).
 */
function rehypeRawWhenPresent(this: unknown) {
  const raw = (rehypeRaw as (this: unknown) => (tree: Root, file: unknown) => Root).call(this);
  return (tree: Root, file: { value?: unknown }) => {
    // Raw HTML starts with `<`: a body without one holds none.
    if (typeof file.value === 'string' && !file.value.includes('<')) return tree;
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    return found ? raw(tree, file) : tree;
  };
}

/** A rendered article body. */
export interface RenderedBody {
  html: string;
  /** Plain text of the first paragraph, for feeds and listings when there is no summary. */
  firstParagraph: string;
  /** Plain text of the whole body, whitespace collapsed, for the search index. */
  text: string;
}

/**
 * Renders an article body to safe HTML, and from the same tree its plain text and that of its
 * first paragraph, so nothing downstream parses the HTML again. The body is never treated as a
 * template. `images` are its images of the content folder, as the site has them (BodyImages).
 */
export function renderArticleBody(markdown: string, images?: BodyImages): RenderedBody {
  const tree = processor.runSync(parseBody(markdown), { value: markdown, data: images ? { bodyImages: images } : {} });
  const first = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'p');
  const plain = (node: Root | Element) => textOf(node).replace(/\s+/g, ' ').trim();
  return { html: processor.stringify(tree), firstParagraph: first ? plain(first) : '', text: plain(tree) };
}

/** Renders Markdown to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return renderArticleBody(markdown).html;
}
