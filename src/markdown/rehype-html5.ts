import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Makes what GFM and rehype-slug produce valid, portable HTML5, after sanitizing:
 * - table cells' `align` (obsolete in HTML5) becomes a class, `align-right`, styled by the site;
 * - heading ids lose combining marks and format characters (rehype-slug turns `İzmir` into
 *   `i̇zmir`, with a combining dot; Persian text carries zero-width non-joiners), staying unique.
 */
export function rehypeHtml5() {
  return (tree: Root) => {
    const used = new Set<string>();
    visit(tree, 'element', (node: Element) => {
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

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}
