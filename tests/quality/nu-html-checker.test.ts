import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { toolPath } from '../helpers/judges.ts';
import { makeTemp, removeTemps, repoRoot, sharedOut } from '../helpers/site.ts';

const run = promisify(execFile);
const VNU = join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');
afterAll(removeTemps);

/** Runs the Nu Html Checker over folders or files; returns its error messages. */
async function nuErrors(paths: string[]): Promise<string[]> {
  const java = toolPath(inject('judges').java, 'The Nu Html Checker');
  const args = ['-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', ...paths];
  const result = await run(java, args, { maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; stderr: string }) => e);
  // vnu writes its JSON report to stderr and exits 1 when it finds errors.
  const { messages } = JSON.parse(result.stderr || '{"messages":[]}') as { messages: { type: string; url: string; lastLine?: number; message: string }[] };
  return messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map((m) => `${m.url}:${m.lastLine ?? 0} ${m.message}`);
}

describe('every page is valid HTML to the Nu Html Checker', () => {
  it('on the example and the 1,000-article archive', async () => {
    expect(await nuErrors([await sharedOut('example'), await sharedOut('synthetic')])).toEqual([]);
  });

  it('which fails a page with an error in it (proof it is not vacuous)', async () => {
    const dir = await makeTemp();
    await writeFile(join(dir, 'bad.html'), '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>block in p</p></body></html>');
    expect((await nuErrors([dir])).length).toBeGreaterThan(0);
  });
});
