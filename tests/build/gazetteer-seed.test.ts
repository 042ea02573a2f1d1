import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/site.ts';

const run = promisify(execFile);

describe('the generated gazetteer', () => {
  it('is exactly what scripts/seed-gazetteer.ts derives from GeoNames and the curation table', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/seed-gazetteer.ts'), '--check'], {
      cwd: repoRoot,
    });
    expect(stdout).toMatch(/af\.yaml is up to date \(\d+ places: 34 provinces, 22 districts, 1 regions, 1 cities\)/);
  });
});
