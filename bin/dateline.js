#!/usr/bin/env node
// Runs Dateline compiled to JavaScript (dist/, made by `npm ci`), so a command starts without a
// TypeScript loader; when src/ changed since dist/ was made, it is compiled again first.
import { compileIfStale } from '../scripts/compile.js';

compileIfStale();
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
