import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { toolPath } from '../helpers/judges.ts';
import { listFiles, makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';
import { writeFile } from 'node:fs/promises';
import { afterAll } from 'vitest';

const run = promisify(execFile);
const sites = inject('sites');
const VNU = join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');
afterAll(removeTemps);

/** Runs the Nu Html Checker over folders or files; returns its error messages. */
async function nuErrors(paths: string[]): Promise<string[]> {
  const java = toolPath(inject('judges').java, 'The Nu Html Checker');
  const result = await run(java, ['-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', ...paths], { maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; stderr: string }) => e);
  // vnu writes its JSON report to stderr and exits 1 when it finds errors.
  const { messages } = JSON.parse(result.stderr || '{"messages":[]}') as { messages: { type: string; url: string; lastLine?: number; message: string }[] };
  return messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map((m) => `${m.url}:${m.lastLine ?? 0} ${m.message}`);
}

/**
 * html-validate's recommended preset, less one rule: `long-title` (70 characters) is a search
 * heuristic, and a news archive prints the headline the writer wrote, in full.
 */
const htmlValidateConfig: ConfigData = { extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } };

async function htmlValidateErrors(dir: string): Promise<string[]> {
  const validator = new HtmlValidate(htmlValidateConfig);
  const errors: string[] = [];
  for (const file of (await listFiles(dir)).filter((f) => f.endsWith('.html'))) {
    const report = await validator.validateFile(join(dir, file));
    for (const r of report.results) for (const m of r.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  return errors;
}

describe('every page is valid HTML', () => {
  it('to the Nu Html Checker, on the example and the 1,000-article archive', async () => {
    expect(await nuErrors([sites.example, sites.synthetic])).toEqual([]);
  });

  it('to html-validate (recommended preset), on the example archive', async () => {
    expect(await htmlValidateErrors(sites.example)).toEqual([]);
  });

  it('to html-validate (recommended preset), on the 1,000-article archive', async () => {
    expect(await htmlValidateErrors(sites.synthetic)).toEqual([]);
  });
});

describe('the HTML judges', () => {
  it('fail a page with an error in it (proof they are not vacuous)', async () => {
    const dir = await makeTemp();
    await writeFile(join(dir, 'bad.html'), '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>block in p</p><img src="x.png"></body></html>');
    expect((await nuErrors([dir])).length).toBeGreaterThan(0);
    const hv = await htmlValidateErrors(dir);
    expect(hv.some((e) => e.includes('wcag/h37'))).toBe(true);
  });
});
