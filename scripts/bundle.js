// Bundles the compiled CLI (dist/cli.js and everything it imports, packages included) into one
// CommonJS script, dist/dateline.cjs, which bin/dateline.js runs with V8's code cache, and each
// worker thread's module into its own (dist/<name>.cjs, run by worker.js). Run by compile.js
// after tsc. Plain JavaScript, like compile.js.
//
// Why: loading the build's 600-odd ES modules (resolving, reading and compiling each) took
// 0.5-0.6 s of every command's start, and their functions were compiled again on every run. One
// script can be compiled from a cache V8 made after an earlier run (Node 20 has no module compile
// cache). A worker thread loaded its modules the same way, each time one started (six or more a
// build).
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** The scripts, by their name in dist/ (without `.cjs`), and the compiled module each starts from. */
const SCRIPTS = {
  dateline: 'cli.js',
  'markdown-worker': 'pipeline/markdown-worker.js',
  'pagefind-worker': 'outputs/search/pagefind-worker.js',
  'maps-worker': 'outputs/maps/maps-worker.js',
  'file-writer-worker': 'outputs/file-writer-worker.js',
  'teaser-worker': 'serve/teaser-worker.js',
};

/**
 * `import.meta.url` and `import.meta.dirname` of each module, as they were where it lies (a
 * worker beside it, a package's data file, Dateline's folder): the bundle lies elsewhere.
 */
const whereModulesLie = {
  name: 'where-modules-lie',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const file = JSON.stringify(relative(DIST, args.path));
      const folder = JSON.stringify(relative(DIST, dirname(args.path)) || '.');
      return {
        contents: text
          .replaceAll('import.meta.url', `__datelineModuleUrl(${file})`)
          .replaceAll('import.meta.dirname', `__datelineModuleFolder(${folder})`),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

/**
 * Work two packages do when loaded, on every start, that Dateline never uses: their text is
 * rewritten as they are bundled. Each rewrite must find its text, or bundling fails (the packages
 * are pinned: a new version's text is checked by hand).
 */
const REWRITES = [
  {
    // Builds the replacement pattern of each of its 20 languages at load (a regular expression of
    // 1,000-odd alternatives each): 25 ms of every start. Made when a language is first asked for.
    file: /[\\/]@sindresorhus[\\/]transliterate[\\/]index\.js$/,
    edits: [
      [
        `for (const [locale, localeMap] of Object.entries(localeReplacements)) {
\tconst replacements = new Map(builtinReplacements);
\tfor (const [key, value] of localeMap) {
\t\treplacements.set(key, value);
\t}

\tlocaleCache.set(locale, {
\t\treplacements,
\t\tpattern: buildReplacementPattern(replacements),
\t});
}`,
        `const localeConfig = locale => {
\tif (!localeCache.has(locale)) {
\t\tconst replacements = new Map(builtinReplacements);
\t\tfor (const [key, value] of localeReplacements[locale]) {
\t\t\treplacements.set(key, value);
\t\t}
\t\tlocaleCache.set(locale, {replacements, pattern: buildReplacementPattern(replacements)});
\t}
\treturn localeCache.get(locale);
};`,
      ],
      ['({replacements, pattern} = localeCache.get(normalizedLocale));', '({replacements, pattern} = localeConfig(normalizedLocale));'],
    ],
  },
  {
    // js-yaml 3 (gray-matter's, which reads the templates' front matter with its safe schema)
    // loads esprima for `!!js/function`, a type only its unsafe schema knows: 10 ms of every start.
    file: /[\\/]gray-matter[\\/]node_modules[\\/]js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/,
    edits: [["esprima = _require('esprima');", 'esprima = undefined;']],
  },
];

const rewritePackages = {
  name: 'rewrite-packages',
  setup(b) {
    for (const { file, edits } of REWRITES) {
      b.onLoad({ filter: file }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!text.includes(from)) throw new Error(`${args.path} no longer has the text bundle.js rewrites: ${from.slice(0, 60)}…`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
      });
    }
  },
};

/**
 * edtf tells its classes apart by their names (`Date`, `Set`…), which bundling changes (it renames
 * what shadows a global): it is loaded from its package (its CommonJS build, whose default export
 * is what `import edtf from 'edtf'` takes). Keeping every name instead (esbuild's keepNames) cost
 * a property definition each time any function was made: about 4 CPU-s of a 10,000-article build.
 */
const edtfFromPackage = {
  name: 'edtf-from-package',
  setup(b) {
    b.onResolve({ filter: /^edtf$/ }, (args) =>
      args.namespace === 'edtf' ? { path: 'edtf', external: true } : { path: 'edtf', namespace: 'edtf' },
    );
    b.onLoad({ filter: /.*/, namespace: 'edtf' }, () => ({ contents: 'module.exports = require("edtf").default;', loader: 'js' }));
  },
};

const BANNER = [
  'var __datelineModuleUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__dirname, file)).href;',
  'var __datelineModuleFolder = (folder) => require("node:path").join(__dirname, folder);',
].join('\n');

async function bundle() {
  await build({
    entryPoints: Object.entries(SCRIPTS).map(([out, module]) => ({ in: join(DIST, module), out })),
    outdir: DIST,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // sharp loads a native library beside its own files; the rest are the test runner's or tsx's.
    external: ['sharp', 'tsx', 'tsx/*', 'vite', 'vitest'],
    banner: { js: BANNER },
    logLevel: 'error',
    plugins: [edtfFromPackage, rewritePackages, whereModulesLie],
  });
}

await bundle();
