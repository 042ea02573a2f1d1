// Runs one of Dateline's bundled scripts (dist/*.cjs, made by bundle.js) through V8's code cache:
// the command line (bin/dateline.js) and each worker thread (worker.js). Plain JavaScript, loaded
// before anything is compiled.
//
// A script is compiled from the code cache V8 made of it earlier (dist/code-cache/) when there is
// one; V8 refuses a cache made by another version or with other flags, and it is made again.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** V8's code caches of the bundled scripts, made again after each compile (compile.js). */
export const CODE_CACHE = join(import.meta.dirname, '../dist/code-cache');

/**
 * Compiles and runs the CommonJS script `file`, with the code cache `cacheName` if there is one.
 * Returns its exports, and `saveCache()`: writes the cache of what has been compiled so far (the
 * script, and every function run since) when none was taken; a folder this user cannot write
 * (an installation shared by several) leaves it without one, as before.
 */
export function runScript(file, cacheName) {
  const cacheFile = join(CODE_CACHE, `${cacheName}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      mkdirSync(CODE_CACHE, { recursive: true });
      const temp = `${cacheFile}.${process.pid}-${threadId}`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // No cache: the next run compiles the script again.
    }
  };
  return { exports: module.exports, saveCache };
}
