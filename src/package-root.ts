import { resolve } from 'node:path';

/** Dateline's own folder (its templates/, public/, src/ and lockfile), wherever it is installed. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '..');
