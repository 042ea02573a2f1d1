import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/site.ts';

const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

// `npm run format` rewrites what this finds; biome.jsonc says what it checks.
describe('the sources’ form', () => {
  it('is Biome’s: formatted, imports sorted, no lint rule broken (biome ci)', async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
      execFile(
        process.execPath,
        [BIOME, 'ci', '--colors=off', '.'],
        { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(output).toMatch(/Checked \d+ files/);
    expect(output).not.toMatch(/Found \d+ (error|warning)/);
    expect(code, output).toBe(0);
  }, 60_000);
});
