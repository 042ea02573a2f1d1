import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { sanitizeSchema } from './sanitize-schema.ts';

/**
 * The one Markdown processor: GFM, raw HTML passed through only to be sanitized by an explicit
 * schema, then heading ids added (after sanitizing, so they are ours). Frozen and reused.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeSlug)
  .use(rehypeStringify)
  .freeze();

/** Renders an article body to safe HTML. The body is never treated as a template. */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
