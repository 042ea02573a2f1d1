import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData, type ResolvedConfig } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, makeTemp, removeTemps, sharedOut } from '../helpers/site.ts';

afterAll(removeTemps);

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

async function htmlValidateErrors(dir: string): Promise<string[]> {
  const validator = new HtmlValidate(new ResolvedOnceLoader(htmlValidateConfig));
  const errors: string[] = [];
  for (const file of (await listFiles(dir)).filter((f) => f.endsWith('.html'))) {
    const report = await validator.validateString(await readFile(join(dir, file), 'utf8'), file);
    for (const r of report.results) for (const m of r.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  return errors;
}

describe('every page is valid to html-validate (recommended preset)', () => {
  it('on the example archive', async () => {
    expect(await htmlValidateErrors(await sharedOut('example'))).toEqual([]);
  });

  it('on the 1,000-article archive', async () => {
    expect(await htmlValidateErrors(await sharedOut('synthetic'))).toEqual([]);
  });

  it('which fails a page with an error in it (proof it is not vacuous)', async () => {
    const dir = await makeTemp();
    await writeFile(join(dir, 'bad.html'), '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>block in p</p><img src="x.png"></body></html>');
    const errors = await htmlValidateErrors(dir);
    expect(errors.some((e) => e.includes('wcag/h37'))).toBe(true);
    expect(errors.some((e) => e.includes('close-order'))).toBe(true);
  });
});
