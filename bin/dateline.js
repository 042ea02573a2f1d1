#!/usr/bin/env node
// Runs Dateline compiled to JavaScript: dist/dateline.cjs, the CLI and everything it loads in one
// script (made by `npm ci`; scripts/bundle.js), so a command starts without a TypeScript loader
// and without loading hundreds of modules. When src/ changed since dist/ was made, it is compiled
// again first.
//
// The script is compiled from V8's code cache of an earlier run of the same command when there is
// one (scripts/run-script.js): made after a command's first successful run (the build's, by the
// compile, from a build of the example), it holds every function that run compiled, so later runs
// compile almost nothing (the example's build: about 2.0 s to 1.5 s).
import { join } from 'node:path';
import { compileIfStale } from '../scripts/compile.js';
import { runScript } from '../scripts/run-script.js';

compileIfStale();
const args = process.argv.slice(2);
// The command, as the CLI reads it: a first argument that is no option, else help or the build.
const first = args[0] ?? '';
const command = ['-h', '--help', 'help'].includes(first) ? 'help' : /^[a-z]+$/.test(first) ? first : 'build';
if (command === 'help') {
  // The list of commands needs none of them: the CLI's own module (dist/cli.js, which loads a
  // command only to run it) answers sooner than the bundle, whose reading and compiling from its
  // cache take 0.05-0.1 s whatever runs.
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(args);
} else {
  const { exports, saveCache } = runScript(join(import.meta.dirname, '../dist/dateline.cjs'), command);
  process.exitCode = await exports.main(args);
  // After a successful run (an unknown command is not one).
  if (process.exitCode === 0) saveCache();
}
