/**
 * Where the external judges come from. Every judge runs on a fresh machine after `npm ci`:
 * xmllint and the feed parsers are npm packages; Chromium is the system's when there is one, else
 * the build shipped inside the npm package @sparticuz/chromium (unpacked once into
 * node_modules/.cache); the Nu Html Checker (vnu-jar) needs a Java runtime, which npm cannot
 * provide. A judge that cannot run makes its tests fail with the one command that fixes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from './site.ts';

/** A judge's program, or why it cannot run and the command that fixes it. */
export type Tool = { path: string; from: string } | { missing: string };

export interface Judges {
  chromium: Tool;
  java: Tool;
}

/** System browsers to prefer: a distribution's Chromium starts faster than an unpacked one. */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Finds (and on first use unpacks) the Chromium the browser tests drive. */
export async function findChromium(): Promise<Tool> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen)
    return existsSync(chosen)
      ? { path: chosen, from: 'CHROMIUM_PATH' }
      : { missing: `CHROMIUM_PATH=${chosen} does not exist: unset it, or point it at a Chromium` };
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  if (system) return { path: system, from: 'the system' };
  try {
    // The package's exports do not include its package.json: read it from its folder.
    const packageDir = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../..');
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    const dir = join(repoRoot, 'node_modules/.cache/dateline-tests', `chromium-${version}`);
    const binary = join(dir, 'chromium');
    if (!existsSync(binary)) {
      // The package unpacks into os.tmpdir(), which follows TMPDIR: unpack into a scratch folder,
      // then move it into place, so an interrupted unpack is never taken for a browser.
      const scratch = `${dir}.partial-${process.pid}`;
      rmSync(scratch, { recursive: true, force: true });
      mkdirSync(scratch, { recursive: true });
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = scratch;
      try {
        const { default: packaged } = await import('@sparticuz/chromium');
        await packaged.executablePath();
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      }
      renameSync(scratch, dir);
    }
    return { path: binary, from: `@sparticuz/chromium ${version}` };
  } catch (error) {
    return { missing: `no Chromium was found (${(error as Error).message}): run \`npm ci\`` };
  }
}

/** Finds a Java runtime (11 or later) for the Nu Html Checker. */
export function findJava(): Tool {
  // $JAVA_HOME's first, then the PATH's: a stale JAVA_HOME does not hide a working java.
  const candidates = [...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin/java')] : []), 'java'];
  let found: string | undefined;
  for (const java of candidates) {
    const run = spawnSync(java, ['-version'], { encoding: 'utf8' });
    const version = /version "(\d+)/.exec(run.stderr ?? '')?.[1];
    if (run.error || run.status !== 0 || !version) continue;
    if (Number(version) >= 11) return { path: java, from: `Java ${version}` };
    found = version;
  }
  const fix = 'run `apt-get install default-jre-headless`';
  return {
    missing: found ? `it needs Java 11 or later, and found Java ${found}: ${fix}` : `it needs Java 11 or later, and none was found: ${fix}`,
  };
}

/** The program's path, or an error naming what to run (a judge never skips silently). */
export function toolPath(tool: Tool, judge: string): string {
  if ('missing' in tool) throw new Error(`${judge} cannot run: ${tool.missing}.`);
  return tool.path;
}
