#!/usr/bin/env node
// Runs Dateline compiled to JavaScript: dist/dateline.cjs, the CLI and everything it loads in one
// script (made by `npm ci`; scripts/bundle.js), so a command starts without a TypeScript loader
// and without loading hundreds of modules. When src/ changed since dist/ was made, it is compiled
// again first.
//
// The script is compiled from V8's code cache of an earlier run of the same command when there is
// one (dist/code-cache/<command>.bin): made after a command's first successful run, it holds every
// function that run compiled, so later runs compile almost nothing (the example's build: about 1.9
// s to 1.3 s). V8 refuses a cache made by another version or with other flags; it is made again.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import { CODE_CACHE, compileIfStale } from '../scripts/compile.js';

compileIfStale();
const dist = join(import.meta.dirname, '../dist');
const bundle = join(dist, 'dateline.cjs');
const args = process.argv.slice(2);
// The command, as the CLI reads it: a first argument that is no option, else help or the build.
const first = args[0] ?? '';
const command = ['-h', '--help', 'help'].includes(first) ? 'help' : /^[a-z]+$/.test(first) ? first : 'build';
const cacheFile = join(CODE_CACHE, `${command}.bin`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dist);
process.exitCode = await module.exports.main(args);
// After a successful run (an unknown command is not one), without a cache V8 took.
if (process.exitCode === 0 && (cachedData === undefined || script.cachedDataRejected)) {
  try {
    mkdirSync(CODE_CACHE, { recursive: true });
    const temp = `${cacheFile}.${process.pid}`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    // A folder this user cannot write (an installation shared by several): no cache, as before.
  }
}
