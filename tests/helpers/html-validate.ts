import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConfigData, HtmlValidate, type ResolvedConfig, StaticConfigLoader } from 'html-validate';
import { listFiles } from './site.ts';

/**
 * html-validate's recommended preset, less one rule: `long-title` (70 characters) is a search
 * heuristic, and a news archive prints the headline the writer wrote, in full.
 */
const htmlValidateConfig: ConfigData = { extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } };

/**
 * The same configuration for every file, resolved once: html-validate's static loader resolves
 * it again for each file (a quarter of the time on 2,764 pages).
 */
class ResolvedOnceLoader extends StaticConfigLoader {
  #resolved?: ResolvedConfig | Promise<ResolvedConfig>;
  override getConfigFor(handle: string, override?: ConfigData) {
    if (override) return super.getConfigFor(handle, override);
    this.#resolved ??= super.getConfigFor(handle);
    return this.#resolved;
  }
}

/** An article page's path: `YYYY/MM/DD/slug/index.html`. */
export const ARTICLE_PAGE = /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/;

/** html-validate's messages for the HTML files of a folder (those `only` keeps, if given). */
export async function htmlValidateErrors(dir: string, only: (file: string) => boolean = () => true): Promise<string[]> {
  const validator = new HtmlValidate(new ResolvedOnceLoader(htmlValidateConfig));
  const errors: string[] = [];
  for (const file of (await listFiles(dir)).filter((f) => f.endsWith('.html') && only(f))) {
    const report = await validator.validateString(await readFile(join(dir, file), 'utf8'), file);
    for (const r of report.results) for (const m of r.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  return errors;
}
