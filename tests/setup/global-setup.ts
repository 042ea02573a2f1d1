import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { compileIfStale } from '../../scripts/compile.js';
import { findChromium, findJava, type Judges } from '../helpers/judges.ts';
import { BUILDER_EXIT, repoRoot } from '../helpers/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder where the shared, read-only sites are being built (see build-shared-sites.ts). */
    sharedSites: string;
    /** The external judges' programs, or why each cannot run. */
    judges: Judges;
  }
}

interface Prepared {
  dir: string;
  judges: Judges;
  stop: () => Promise<void>;
}

async function prepare(): Promise<Prepared> {
  // The command tests run bin/dateline.js, which runs dist/: compile it once here rather than in
  // each of the processes they start side by side.
  compileIfStale();
  const dir = await mkdtemp(join(tmpdir(), 'dateline-shared-'));
  // The shared sites are built beside the tests, not before them: a test waits only for the site
  // it reads. In a zone other than the tests' (UTC), so that comparing a shared site with one
  // built by a test also compares two machine zones.
  const builder = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/setup/build-shared-sites.ts'), dir], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TZ: 'America/Los_Angeles' },
  });
  // However it ends, say so: a test waiting for a site the builder never wrote stops waiting.
  builder.once('exit', (code, signal) =>
    writeFileSync(join(dir, BUILDER_EXIT), `exit code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''}\n`),
  );
  const chromium = await findChromium();
  // Ends the builder (a run of a few files does not wait for all the sites) before its folder goes.
  const stop = async () => {
    if (builder.exitCode !== null || builder.signalCode !== null) return;
    builder.removeAllListeners('exit');
    const ended = new Promise((resolve) => builder.once('exit', resolve));
    builder.kill();
    await ended;
  };
  return { dir, judges: { chromium, java: findJava() }, stop };
}

// Vitest runs a root global setup once per project (and once for the root), all in this one
// process: the first call prepares, the others share its result, and the last teardown cleans up.
const shared = globalThis as { datelinePrepared?: Promise<Prepared>; datelineUsers?: number };

/**
 * Global setup: the shared sites (SHARED_SITES in tests/helpers/site.ts) are built once per run,
 * beside the tests, and read by every test that only reads them; the judges are found once.
 */
export default async function globalSetup(project: TestProject) {
  shared.datelineUsers = (shared.datelineUsers ?? 0) + 1;
  const prepared = await (shared.datelinePrepared ??= prepare());
  project.provide('sharedSites', prepared.dir);
  project.provide('judges', prepared.judges);
  return async () => {
    shared.datelineUsers = (shared.datelineUsers ?? 1) - 1;
    if (shared.datelineUsers > 0) return;
    await prepared.stop();
    await rm(prepared.dir, { recursive: true, force: true });
  };
}
