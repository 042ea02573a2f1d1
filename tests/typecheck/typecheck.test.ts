import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTemp, removeTemps, repoRoot } from '../helpers/site.ts';

afterAll(removeTemps);

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Runs tsc with arguments in the repository; its exit code and what it printed. */
function tsc(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [TSC, ...args], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

// The type check runs as a test, beside the others, rather than before them all.
describe('the TypeScript sources', () => {
  // The benchmark is checked apart (`npx tsc --noEmit -p bench`), as its README says.
  it('type-check (tsc --noEmit, strict): src, tests and scripts', async () => {
    const project = await tsc(['--noEmit', '--pretty', 'false']);
    expect(project.output).toBe('');
    expect(project.code).toBe(0);
  }, 240_000);

  it('and the search page script, from its JSDoc (tsconfig.public.json)', async () => {
    const script = await tsc(['-p', 'tsconfig.public.json', '--pretty', 'false']);
    expect(script.output).toBe('');
    expect(script.code).toBe(0);
  }, 120_000);

  it('and the check fails on a type error (proof it is not vacuous)', async () => {
    const dir = await makeTemp();
    await writeFile(join(dir, 'bad.ts'), "export const n: number = 'not a number';\n");
    const tsconfig = { extends: join(repoRoot, 'tsconfig.json'), compilerOptions: { types: [] }, include: ['bad.ts'] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const bad = await tsc(['--noEmit', '--pretty', 'false', '-p', dir]);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/bad\.ts\(1,14\): error TS2322/);
  });
});
