/** Whether dist/ is missing or older than a source. */
export function isStale(): boolean;
/** Compiles src/ into dist/ with tsc, then bundles the CLI and each worker's module into dist/*.cjs (scripts/bundle.js). */
export function compile(): void;
/** Compiles when the sources changed since the last compile; says so on stderr. */
export function compileIfStale(): void;
