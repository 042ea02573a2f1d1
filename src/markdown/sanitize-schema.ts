import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

/**
 * What raw HTML may survive in an article body. Starts from GitHub's schema (hast-util-sanitize's
 * default: no `<script>`, `<style>`, `<iframe>`, no `on*` handlers, no `style`) and narrows it:
 * links and images only over http(s) (mailto for links) or relative, so `javascript:` and `data:`
 * URLs are dropped, and no id clobbering (we add heading ids ourselves after sanitizing).
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: 'user-content-',
  // Drop these elements with their contents (CSS would otherwise show up as text).
  strip: ['script', 'style'],
  protocols: {
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    src: ['http', 'https'],
    longDesc: ['http', 'https'],
  },
  // No form controls (GFM task-list checkboxes included); abbreviations are common in reporting.
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => t !== 'input'), 'abbr'],
  attributes: { ...defaultSchema.attributes, abbr: ['title'] },
};
