import type { Element, Root } from 'hast';
import { toString as textOf } from 'hast-util-to-string';
import type { Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { EXIT, visit } from 'unist-util-visit';
import { type BodyImages, rehypeBodyImages, remarkBodyImages } from './body-images.ts';
import { parseBody } from './parse-markdown.ts';
import { rehypeHtml5 } from './rehype-html5.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

export { parseBody };

/**
 * The one Markdown pipeline after the parse (parse-markdown.ts): raw HTML passed through only to
 * be sanitized by an explicit schema, then heading ids added (after sanitizing, so they are ours)
 * and the result made valid HTML5 (rehype-html5.ts). Frozen and reused.
 */
const processor = unified()
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
  return renderTree(parseBody(markdown), markdown, images);
}

/** renderArticleBody from a parsed tree (the tests give it remark-gfm's, to compare). */
export function renderTree(parsed: MdastRoot, markdown: string, images?: BodyImages): RenderedBody {
  const tree = processor.runSync(parsed, { value: markdown, data: images ? { bodyImages: images } : {} });
  const first = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'p');
  const plain = (node: Root | Element) => textOf(node).replace(/\s+/g, ' ').trim();
  return { html: processor.stringify(tree), firstParagraph: first ? plain(first) : '', text: plain(tree) };
}

/** Renders Markdown to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return renderArticleBody(markdown).html;
}
