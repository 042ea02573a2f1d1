// @ts-check
/**
 * Benchmark baseline: Eleventy 3 with Markdown rendered by unified — remark-parse, remark-gfm,
 * remark-rehype, rehype-stringify — as a custom Markdown library (setLibrary). This is the plain
 * remark pipeline; Dateline's own adds rehype-raw, rehype-sanitize, rehype-slug and its HTML5
 * pass on top. Pages: see ../eleventy-common/config.js.
 */
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { configureBaseline } from '../eleventy-common/config.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze();

/** @param {any} eleventyConfig */
export default function (eleventyConfig) {
  eleventyConfig.setLibrary('md', { render: (/** @type {string} */ text) => String(processor.processSync(text)) });
  return configureBaseline(eleventyConfig);
}
