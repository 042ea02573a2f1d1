import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { toolPath } from '../helpers/judges.ts';
import { makeTemp, removeTemps, repoRoot, sharedOut, sharedOutInSetup } from '../helpers/site.ts';

const run = promisify(execFile);
const VNU = join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');
afterAll(removeTemps);

/**
 * How the JVM runs the checker: one short batch, so the quick compiler only and one garbage
 * collector thread (15 CPU seconds on the two archives instead of 28), and the thread stack the
 * checker asks for.
 */
const JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss4m'];

/** Runs the Nu Html Checker over folders or files; returns its error messages. */
async function nuErrors(paths: string[]): Promise<string[]> {
  const java = toolPath(inject('judges').java, 'The Nu Html Checker');
  const args = [...JVM, '-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', ...paths];
  const result = await run(java, args, { maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; stderr: string }) => e);
  // vnu writes its JSON report to stderr and exits 1 when it finds errors.
  const { messages } = JSON.parse(result.stderr || '{"messages":[]}') as {
    messages: { type: string; url: string; lastLine?: number; message: string }[];
  };
  return messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${m.url}:${m.lastLine ?? 0} ${m.message}`);
}

const synthetic = sharedOutInSetup('synthetic');

describe('every page is valid HTML to the Nu Html Checker', () => {
  // One run of the checker (a Java start and warm-up) for the archives and the broken page.
  it('on the example (also sliced by time, and in Dari and Pashto) and the 1,000-article archive, and it fails a broken page (proof it is not vacuous)', async () => {
    const broken = await makeTemp();
    await writeFile(
      join(broken, 'bad.html'),
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>block in p</p></body></html>',
    );
    const errors = await nuErrors([
      await sharedOut('example'),
      await sharedOut('sliced'),
      await sharedOut('dari'),
      await sharedOut('pashto'),
      await sharedOut('languages'),
      synthetic(),
      broken,
    ]);
    const [fromBroken, fromSites] = [errors.filter((e) => e.includes('bad.html')), errors.filter((e) => !e.includes('bad.html'))];
    expect(fromSites).toEqual([]);
    expect(fromBroken.length).toBeGreaterThan(0);
  });
});
