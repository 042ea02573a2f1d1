// @ts-check
/**
 * Benchmark baseline: Eleventy 3 with its default Markdown library, markdown-it (as Eleventy
 * configures it: `html: true`, indented code blocks off; tables and strikethrough are in
 * markdown-it's default preset). Pages: see ../eleventy-common/config.js.
 */
import { configureBaseline } from '../eleventy-common/config.js';

/** @param {any} eleventyConfig */
export default function (eleventyConfig) {
  return configureBaseline(eleventyConfig);
}
