import { execFile } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTemp, repoRoot } from '../helpers/site.ts';

/** A zone far from UTC and from every zone the tests name: output must not depend on the machine's zone. */
export const MACHINE_ZONE = 'Pacific/Kiritimati';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/dateline.js …` in `cwd`, as a writer would, with the machine's zone set to MACHINE_ZONE. */
export function runDateline(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin/dateline.js'), ...args],
      { cwd, env: { ...process.env, TZ: MACHINE_ZONE, DATELINE_NOW: '', ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A temporary project: the repository's dateline.yaml and gazetteer, no articles. */
export async function makeProject(): Promise<string> {
  const root = await makeTemp('dateline-cli-');
  await cp(join(repoRoot, 'dateline.yaml'), join(root, 'dateline.yaml'));
  await mkdir(join(root, 'content'));
  await cp(join(repoRoot, 'content/places'), join(root, 'content/places'), { recursive: true });
  return root;
}
