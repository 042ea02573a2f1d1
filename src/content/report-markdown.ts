import type { Root, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { ReportBlock } from './parse-report.ts';

/**
 * Markdown for a report's blocks, the text kept as text: mdast-util-to-markdown escapes whatever
 * Markdown would read as syntax (`# …`, `1. …`, `- …`, `> …`, `*`, `[`, `<`, `&`…). Headings
 * become `## ` (the page's `#` is the article's title).
 */
export function reportMarkdown(blocks: readonly ReportBlock[]): string {
  const children = blocks.map((block): RootContent => {
    const text = { type: 'text' as const, value: block.text };
    return block.kind === 'heading' ? { type: 'heading', depth: 2, children: [text] } : { type: 'paragraph', children: [text] };
  });
  const tree: Root = { type: 'root', children };
  // The site renders GFM, where `~text~` is strikethrough; plain CommonMark output would leave it.
  return toMarkdown(tree, { unsafe: [{ character: '~', inConstruct: 'phrasing' }] });
}
