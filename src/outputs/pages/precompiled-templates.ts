/**
 * Dateline's own templates compiled ahead, when Dateline is compiled (scripts/compile.js): Nunjucks
 * turns a template into JavaScript (lexing, parsing, generating code), which took 60-90 ms of
 * every build for the eleven templates, against 2-6 ms to make functions of the code kept here.
 *
 * Nunjucks compiles a template when it is first rendered (`Template._compile`); that step looks
 * here first, by the template's source, path and the environment's options (all three decide the
 * code), and compiles as before what it does not find: a template edited since, another folder's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { PACKAGE_ROOT } from '../../package-root.ts';

/** Where they are kept: made by every compile, beside the compiled code. */
export const PRECOMPILED_TEMPLATES = join(PACKAGE_ROOT, 'dist/templates.json');

const NUNJUCKS_VERSION = (createRequire(import.meta.url)('nunjucks/package.json') as { version: string }).version;

/** What Nunjucks's Template holds, as far as compiling goes. */
interface TemplateInternals {
  path?: string;
  tmplStr?: string;
  tmplProps?: Record<string, unknown>;
  env: { asyncFilters: string[]; extensionsList: unknown[]; opts: object };
}
interface TemplatePrototype {
  _compile(this: TemplateInternals): void;
}

/** The code of each template compiled ahead, by templateKey; loaded once, when first needed. */
let ahead: Map<string, string> | undefined;
/** While precompileTemplates runs: the code of every template compiled. */
let recording: Map<string, string> | undefined;

function templateKey(t: TemplateInternals): string | undefined {
  // A custom filter or extension changes the code: only what the site's environment has is kept.
  if (t.tmplStr === undefined || t.env.asyncFilters.length > 0 || t.env.extensionsList.length > 0) return undefined;
  return JSON.stringify([t.env.opts, t.path ?? null, t.tmplStr]);
}

function precompiled(): Map<string, string> {
  if (!ahead) {
    ahead = new Map();
    try {
      const file = JSON.parse(readFileSync(PRECOMPILED_TEMPLATES, 'utf8')) as { nunjucks: string; templates: [string, string][] };
      if (file.nunjucks === NUNJUCKS_VERSION) ahead = new Map(file.templates);
    } catch {
      // None made yet (or unreadable): every template is compiled as it is first rendered.
    }
  }
  return ahead;
}

/** Nunjucks's compiler (not in its type definitions): a template's source to the code of its functions. */
const compiler = (nunjucks as unknown as { compiler: { compile(...args: unknown[]): string } }).compiler;
const prototype = (nunjucks.Template as unknown as { prototype: TemplatePrototype }).prototype;
const compileTemplate = prototype._compile;
prototype._compile = function (this: TemplateInternals) {
  const key = templateKey(this);
  if (!this.tmplProps && key !== undefined) {
    let code = precompiled().get(key);
    if (code === undefined) {
      // What Nunjucks's own step does with the source.
      code = compiler.compile(this.tmplStr, this.env.asyncFilters, this.env.extensionsList, this.path, this.env.opts);
      recording?.set(key, code);
    }
    this.tmplProps = new Function(code)() as Record<string, unknown>;
  }
  compileTemplate.call(this);
};

/**
 * Runs `compileAll` (which compiles templates as a build does) and writes the code of every
 * template it compiled to PRECOMPILED_TEMPLATES; returns how many. Nothing compiled ahead is used
 * meanwhile.
 */
export async function writePrecompiledTemplates(compileAll: () => Promise<void>): Promise<number> {
  ahead = new Map();
  recording = new Map();
  try {
    await compileAll();
    const templates = [...recording];
    writeFileSync(PRECOMPILED_TEMPLATES, JSON.stringify({ nunjucks: NUNJUCKS_VERSION, templates }));
    return templates.length;
  } finally {
    recording = undefined;
    ahead = undefined;
  }
}
