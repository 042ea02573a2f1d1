import type { Element, ElementContent, Root } from 'hast';
import type { Definition, Image, ImageReference, Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';

/** An image file of the content folder as a body prints it: its address in the site and its size. */
export interface BodyImage {
  /** Root-relative: `/media/<hash>.jpg`. */
  src: string;
  width: number;
  height: number;
  /** Smaller copies in WebP (`/media/<hash>-640.webp 640w, …`), when it is wider than them. */
  srcset?: string;
}

/** A body's images of the content folder, by their address as written (`./kabul-airport.jpg`). */
export type BodyImages = Readonly<Record<string, BodyImage>>;

/** An image a body refers to, as written, and where (lines and columns of the body). */
export interface ImageReferenceAt {
  url: string;
  alt: string;
  line: number;
  column: number;
}

/** Whether an address names a file of the site's own (`./x.jpg`, `/media/x.jpg`), not another site's or a fragment. */
export const isLocalAddress = (url: string): boolean => url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^(?:\/\/|#|\?)/.test(url);

/** The images a parsed body shows (`![alt](url)`, and `![alt][ref]` by its definition), in order. */
export function imageReferences(tree: MdastRoot): ImageReferenceAt[] {
  const definitions = new Map<string, string>();
  visit(tree, 'definition', (d: Definition) => {
    if (!definitions.has(d.identifier)) definitions.set(d.identifier, d.url);
  });
  const found: ImageReferenceAt[] = [];
  visit(tree, (node: MdastNodes) => {
    if (node.type !== 'image' && node.type !== 'imageReference') return;
    const url = node.type === 'image' ? node.url : definitions.get((node as ImageReference).identifier);
    const start = node.position?.start;
    if (url === undefined || !start) return;
    found.push({ url, alt: node.alt ?? '', line: start.line, column: start.column });
  });
  return found;
}

/** Data a render is given with its Markdown (renderArticleBody): the body's images. */
interface ImageData {
  bodyImages?: BodyImages;
}

/**
 * A remark transform: each image (or image definition) of the content folder addresses its copy
 * in the site, which the rehype step (rehypeBodyImages) then knows it by.
 */
export function remarkBodyImages() {
  return (tree: MdastRoot, file: { data: unknown }) => {
    const images = (file.data as ImageData).bodyImages;
    if (!images) return;
    visit(tree, (node: MdastNodes) => {
      if (node.type !== 'image' && node.type !== 'definition') return;
      const image = Object.hasOwn(images, node.url) ? images[node.url] : undefined;
      if (image) (node as Image | Definition).url = image.src;
    });
  };
}

/** What `sizes` says of a body's image: the column's width on a wide screen, the screen's on a phone. */
const SIZES = '(min-width: 42rem) 40rem, 100vw';

/**
 * A rehype transform, after sanitizing (so what it adds is ours): each image of the content
 * folder gets its size (the page does not jump as it loads), lazy loading and its smaller WebP
 * copies in a `<picture>`. An image alone in its paragraph is a figure, its title the caption:
 * `![alt](./photo.jpg "Caption | Photo: Credit")`, the credit after ` | `.
 */
export function rehypeBodyImages() {
  return (tree: Root, file: { data: unknown }) => {
    const images = (file.data as ImageData).bodyImages;
    if (!images) return;
    const bySrc = new Map(Object.values(images).map((image) => [image.src, image]));
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined) return;
      const image = bySrc.get(String(node.properties.src ?? ''));
      if (!image) return;
      node.properties.width = image.width;
      node.properties.height = image.height;
      node.properties.loading = 'lazy';
      node.properties.decoding = 'async';
      const picture: Element = {
        type: 'element',
        tagName: 'picture',
        properties: {},
        children: [...(image.srcset ? [element('source', { type: 'image/webp', srcSet: image.srcset, sizes: SIZES })] : []), node],
      };
      parent.children[index] = picture;
      const paragraph = figureParagraph(tree, parent);
      if (!paragraph) return;
      const title = typeof node.properties.title === 'string' ? node.properties.title : '';
      delete node.properties.title;
      const bar = title.indexOf(' | ');
      const [caption, credit] = bar === -1 ? [title.trim(), ''] : [title.slice(0, bar).trim(), title.slice(bar + 3).trim()];
      const words: ElementContent[] = [
        ...(caption ? [text(caption)] : []),
        ...(caption && credit ? [text(' ')] : []),
        ...(credit ? [element('span', { className: ['credit'] }, [text(credit)])] : []),
      ];
      paragraph.tagName = 'figure';
      paragraph.properties = { className: ['body-image'] };
      paragraph.children = [picture, ...(words.length > 0 ? [element('figcaption', {}, words)] : [])];
    });
  };
}

/** `parent` when it is a paragraph of nothing but the picture (and white space): it becomes the figure. */
function figureParagraph(tree: Root, parent: Root | Element): Element | undefined {
  if (parent === tree || parent.type !== 'element' || parent.tagName !== 'p') return undefined;
  const content = parent.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return content.length === 1 && content[0]!.type === 'element' && content[0]!.tagName === 'picture' ? parent : undefined;
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const element = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
