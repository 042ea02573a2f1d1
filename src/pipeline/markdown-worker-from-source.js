// The Markdown worker when Dateline runs from its TypeScript sources (the test suite), not from
// dist/: worker threads do not inherit the loader of the thread that starts them, so this plain
// JavaScript file registers tsx before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./markdown-worker.ts');
