import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { visit } from 'unist-util-visit';

/**
 * The Markdown parser: markdown-it (CommonMark, GFM tables and strikethrough) with
 * markdown-it-footnote, whose tokens are made into the mdast tree remark-parse with remark-gfm
 * makes, for the rest of the unified pipeline (remark-rehype, the sanitizer…); GFM's autolink
 * literals are then found in its text by remark-gfm's own tree transform. micromark parsed at
 * 1.3 MB/s (70 % of a render), markdown-it at 30 MB/s. The HTML is remark-gfm's on the tested
 * GFM documents (tests/unit/markdown/parse-body.test.ts), which name the differences.
 *
 * Links are taken as written (no validation, no normalising): the sanitizer decides which are
 * kept, and remark-rehype encodes them, as with remark-parse.
 */
const md = new MarkdownIt({ html: true });
md.use(footnote as unknown as Parameters<typeof md.use>[0]);
// `^[inline notes]` are not GFM.
md.inline.ruler.disable(['footnote_inline']);
// Footnote labels match as GFM's do, whatever their case and spacing (`[^Source]`, `[^source]:`):
// references are looked up through normalised keys (env in parseBody), and definitions' and
// references' labels are normalised before markdown-it-footnote pairs them.
md.core.ruler.before('footnote_tail', 'footnote_labels', (state) => {
  for (const t of state.tokens) if (t.type === 'footnote_reference_open') t.meta.label = normaliseLabel(t.meta.label);
  for (const entry of (state.env as FootnoteEnv).footnotes?.list ?? [])
    if (entry.label !== undefined) entry.label = normaliseLabel(entry.label);
  return false;
});
md.validateLink = () => true;
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;

/** GFM's autolink literals (`www.x.org`, `https://…`, `a@b.org`), found in the tree's text. */
const [autolinkLiterals] = gfmAutolinkLiteralFromMarkdown().transforms as [(tree: Root) => void];
/** What an autolink literal starts with: `www.`, `http://`, `https://`, or an email's `@`. */
const AUTOLINK_LITERAL = /www\.|https?:\/\/|@/i;

type Token = ReturnType<typeof md.parse>[number];
/** What markdown-it-footnote keeps of a document's footnotes. */
type FootnoteEnv = { footnotes?: { refs?: Record<string, number>; list?: { label?: string }[] } };
type Point = { line: number; column: number; offset: number };
type Open = Parents & { children: Nodes[] };

/**
 * The body's Markdown tree. Images carry where they start (their line and column in `markdown`),
 * for messages about them; other nodes carry no position.
 */
export function parseBody(markdown: string): Root {
  const refs: Record<string, number> = {};
  const normalised = (key: string | symbol) => (typeof key === 'string' ? `:${normaliseLabel(key.slice(1))}` : key);
  const env: FootnoteEnv = {
    footnotes: {
      refs: new Proxy(refs, {
        get: (target, key) => Reflect.get(target, normalised(key)),
        set: (target, key, value) => Reflect.set(target, normalised(key), value),
        has: (target, key) => Reflect.has(target, normalised(key)),
      }),
    },
  };
  const tokens = md.parse(markdown, env);
  const literalStarts = { found: false };
  const lineStarts = [0];
  for (let i = markdown.indexOf('\n'); i !== -1; i = markdown.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const root: Root = { type: 'root', children: [] };
  const stack: Open[] = [root as Open];
  const top = () => stack[stack.length - 1]!;
  const push = (node: Open) => {
    top().children.push(node);
    stack.push(node);
  };
  let tableRow = 0;
  for (const t of tokens) {
    switch (t.type) {
      case 'paragraph_open': {
        // markdown-it hides the paragraphs of a tight list; one shown makes the list loose.
        const item = top();
        if (item.type === 'listItem' && !t.hidden) {
          item.spread = true;
          const list = stack[stack.length - 2]!;
          if (list.type === 'list') list.spread = true;
        }
        push({ type: 'paragraph', children: [] });
        break;
      }
      case 'heading_open':
        push({ type: 'heading', depth: Number(t.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6, children: [] });
        break;
      case 'blockquote_open':
        push({ type: 'blockquote', children: [] });
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const start = t.attrGet('start');
        push({ type: 'list', ordered, start: ordered ? (start === null ? 1 : Number(start)) : null, spread: false, children: [] });
        break;
      }
      case 'list_item_open':
        push({ type: 'listItem', spread: false, checked: null, children: [] });
        break;
      case 'table_open':
        push({ type: 'table', align: [], children: [] });
        tableRow = 0;
        break;
      case 'tr_open':
        push({ type: 'tableRow', children: [] });
        break;
      case 'th_open':
      case 'td_open': {
        const table = stack[stack.length - 2]!;
        if (tableRow === 0 && table.type === 'table') {
          const align = /text-align:(left|right|center)/.exec(t.attrGet('style') ?? '')?.[1];
          table.align!.push((align as 'left' | 'right' | 'center' | undefined) ?? null);
        }
        push({ type: 'tableCell', children: [] });
        break;
      }
      case 'tr_close':
        tableRow++;
        stack.pop();
        break;
      case 'footnote_open': {
        const label = env.footnotes?.list?.[t.meta.id]?.label ?? String(t.meta.id + 1);
        push({ type: 'footnoteDefinition', identifier: normaliseLabel(label), label, children: [] });
        break;
      }
      case 'paragraph_close':
      case 'heading_close':
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'table_close':
      case 'th_close':
      case 'td_close':
      case 'footnote_close':
        stack.pop();
        break;
      case 'inline': {
        const parent = top();
        const children = inline(t.children ?? [], env, imageAt(t, markdown, lineStarts), literalStarts);
        // `[ ] ` or `[x] ` opening a list item's first paragraph: a task.
        const item = stack[stack.length - 2];
        if (parent.type === 'paragraph' && item?.type === 'listItem' && item.children[0] === parent) taskOf(item, children);
        parent.children.push(...children);
        break;
      }
      case 'fence': {
        const info = md.utils.unescapeAll(t.info).trim();
        const space = info.search(/\s/);
        const lang = info === '' ? null : space === -1 ? info : info.slice(0, space);
        const meta = space === -1 ? null : info.slice(space).trim() || null;
        top().children.push({ type: 'code', lang, meta, value: t.content.replace(/\n$/, '') });
        break;
      }
      case 'code_block':
        top().children.push({ type: 'code', lang: null, meta: null, value: t.content.replace(/\n+$/, '') });
        break;
      case 'hr':
        top().children.push({ type: 'thematicBreak' });
        break;
      case 'html_block':
        top().children.push({ type: 'html', value: t.content.replace(/\n+$/, '') });
        break;
      // thead, tbody, the footnotes' block and back-references: remark-rehype makes its own.
      default:
        break;
    }
  }
  // Only a text that holds the start of one can hold an autolink literal (mostly, they are in links' addresses).
  if (literalStarts.found) findAutolinkLiterals(root);
  return root;
}

/**
 * GFM's autolink literals in the tree's text (remark-gfm's transform), less the trailing `_`, `*`
 * and `~` its syntax leaves out and the transform alone keeps.
 */
function findAutolinkLiterals(root: Root): void {
  const before = new Set<Nodes>();
  visit(root, 'link', (link) => {
    before.add(link);
  });
  autolinkLiterals(root);
  visit(root, 'link', (link, index, parent) => {
    if (before.has(link) || !parent || index === undefined) return;
    const text = link.children[0];
    const trail = text?.type === 'text' ? /[_*~]+$/.exec(text.value)?.[0] : undefined;
    if (!trail || text?.type !== 'text' || !link.url.endsWith(trail)) return;
    text.value = text.value.slice(0, -trail.length);
    link.url = link.url.slice(0, -trail.length);
    const next = parent.children[index + 1];
    if (next?.type === 'text') next.value = trail + next.value;
    else parent.children.splice(index + 1, 0, { type: 'text', value: trail });
  });
}

/** A footnote label as GFM matches it: white space collapsed, in lower case (also mdast's identifier). */
const normaliseLabel = (label: string) =>
  label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase();

/** The inline tokens of a block as mdast phrasing content (adjacent text joined, as remark-parse joins it). */
function inline(
  tokens: readonly Token[],
  env: FootnoteEnv,
  imageAt: () => Point | undefined,
  literalStarts: { found: boolean },
): PhrasingContent[] {
  const root: { type: 'root'; children: PhrasingContent[] } = { type: 'root', children: [] };
  const stack: { node: { children: PhrasingContent[] } }[] = [{ node: root }];
  const add = (node: PhrasingContent) => {
    const children = stack[stack.length - 1]!.node.children;
    const last = children[children.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else children.push(node);
  };
  const open = (node: PhrasingContent & { children: PhrasingContent[] }) => {
    add(node);
    stack.push({ node });
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        if (!literalStarts.found && AUTOLINK_LITERAL.test(t.content)) literalStarts.found = true;
        add({ type: 'text', value: t.content });
        break;
      case 'softbreak':
        add({ type: 'text', value: '\n' });
        break;
      case 'hardbreak':
        add({ type: 'break' });
        break;
      case 'code_inline':
        add({ type: 'inlineCode', value: t.content });
        break;
      case 'html_inline':
        add({ type: 'html', value: t.content });
        break;
      case 'em_open':
        open({ type: 'emphasis', children: [] });
        break;
      case 'strong_open':
        open({ type: 'strong', children: [] });
        break;
      case 's_open':
        open({ type: 'delete', children: [] });
        break;
      case 'link_open':
        open({ type: 'link', url: t.attrGet('href') ?? '', title: t.attrGet('title'), children: [] });
        break;
      case 'em_close':
      case 'strong_close':
      case 's_close':
      case 'link_close':
        stack.pop();
        break;
      case 'image': {
        const at = imageAt();
        add({
          type: 'image',
          url: t.attrGet('src') ?? '',
          title: t.attrGet('title'),
          alt: plainText(t.children ?? []),
          ...(at && { position: { start: { ...at }, end: { ...at } } }),
        });
        break;
      }
      case 'footnote_ref': {
        const label = env.footnotes?.list?.[t.meta.id]?.label ?? String(t.meta.id + 1);
        add({ type: 'footnoteReference', identifier: normaliseLabel(label), label });
        break;
      }
      default:
        if (t.content) add({ type: 'text', value: t.content });
    }
  }
  return root.children;
}

/** The text of inline tokens, as an image's alt: what a reader would read, without the markup. */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => (t.type === 'image' ? plainText(t.children ?? []) : t.type === 'softbreak' || t.type === 'hardbreak' ? '\n' : t.content))
    .join('');
}

/**
 * The starts of a block's images in the source, one after another: each next `![` of its lines
 * (markdown-it gives blocks their lines only).
 */
function imageAt(block: Token, markdown: string, lineStarts: readonly number[]): () => Point | undefined {
  let from = block.map ? lineStarts[block.map[0]]! : markdown.length;
  const end = block.map ? (lineStarts[block.map[1]] ?? markdown.length) : markdown.length;
  return () => {
    const i = markdown.indexOf('![', from);
    if (i === -1 || i >= end) return undefined;
    from = i + 2;
    let line = block.map![0];
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= i) line++;
    return { line: line + 1, column: i - lineStarts[line]! + 1, offset: i };
  };
}

/** A list item whose first paragraph opens with `[ ]` or `[x]` and a space: its `checked`, the marker taken from the text. */
function taskOf(item: Open, children: PhrasingContent[]): void {
  const head = children[0];
  if (item.type !== 'listItem' || head?.type !== 'text') return;
  const marker = /^\[([ xX])\](?:[ \t]|\n)/.exec(head.value);
  if (!marker) return;
  item.checked = marker[1] !== ' ';
  head.value = head.value.slice(marker[0].length);
}
