import type { Element, Root, RootContent } from 'hast';

/**
 * Makes what GFM and rehype-slug produce valid, portable HTML5, after sanitizing:
 * - table cells' `align` (obsolete in HTML5) becomes a class, `align-right`, styled by the site;
 * - heading ids lose combining marks and format characters (rehype-slug turns `İzmir` into
 *   `i̇zmir`, with a combining dot; Persian text carries zero-width non-joiners), staying unique.
 */
export function rehypeHtml5() {
  return (tree: Root) => {
    const used = new Set<string>();
    eachElement(tree, (node) => {
      const align = node.properties.align;
      if (typeof align === 'string' && (node.tagName === 'td' || node.tagName === 'th')) {
        delete node.properties.align;
        node.properties.className = [...asList(node.properties.className), `align-${align}`];
      }
      const id = node.properties.id;
      if (typeof id === 'string' && /^h[1-6]$/.test(node.tagName)) {
        const base = id.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '') || 'section';
        let unique = base;
        for (let n = 1; used.has(unique); n++) unique = `${base}-${n}`;
        used.add(unique);
        node.properties.id = unique;
      }
    });
  };
}

/** Calls `f` on every element, in document order (what unist-util-visit does, at a third of its cost here). */
function eachElement(node: Root | RootContent, f: (node: Element) => void): void {
  if (node.type === 'element') f(node);
  if ('children' in node) for (const child of node.children) eachElement(child, f);
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}
