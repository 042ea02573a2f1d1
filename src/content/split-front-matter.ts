import matter from 'gray-matter';

/** Front matter split from a Markdown body, or why it could not be. */
export type SplitResult =
  | { ok: true; yaml: string; body: string /** 1-based file line of the body's first line. */; bodyLine: number }
  | { ok: false; ruleId: 'missing-front-matter' | 'unclosed-front-matter' | 'unsupported-front-matter'; reason: string; fix: string };

class RefusedEngine extends Error {
  constructor(readonly language: string) {
    super(`front matter in ${language} is not accepted`);
  }
}

/** Every engine but YAML throws: executable front matter (`---js`) is refused, never run. */
const refuse = (language: string) => () => {
  throw new RefusedEngine(language);
};
const ENGINES = {
  // We parse the YAML ourselves (core schema, with positions); gray-matter only splits.
  yaml: { parse: () => ({}), stringify: () => '' },
  js: refuse('js'),
  javascript: refuse('javascript'),
  coffee: refuse('coffee'),
  coffeescript: refuse('coffeescript'),
  cson: refuse('cson'),
  json: refuse('json'),
  toml: refuse('toml'),
};

/**
 * Splits `---` YAML front matter from the body with gray-matter, accepting only the YAML engine.
 * Expects text without a BOM and with LF line ends.
 */
export function splitFrontMatter(text: string): SplitResult {
  const opening = /^---[ \t]*[A-Za-z]*[ \t]*\n/.test(text);
  if (!opening) {
    const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
    if (first.startsWith('---')) {
      return {
        ok: false,
        ruleId: 'missing-front-matter',
        reason: `The first line \`${first.slice(0, 40)}\` is not a front-matter opening line.`,
        fix: 'Make the first line exactly `---`.',
      };
    }
    return {
      ok: false,
      ruleId: 'missing-front-matter',
      reason: 'The file does not start with `---` front matter.',
      fix: 'Start the file with a `---` line, the fields `title`, `date` and `location`, and a closing `---` line.',
    };
  }
  const firstLineEnd = text.indexOf('\n') + 1;
  if (!/(^|\n)---[ \t]*(\n|$)/.test(text.slice(firstLineEnd))) {
    return {
      ok: false,
      ruleId: 'unclosed-front-matter',
      reason: 'The front matter opened on line 1 is never closed.',
      fix: 'Add a line with only `---` after the last field.',
    };
  }
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(text, { engines: ENGINES as never, language: 'yaml' });
  } catch (error) {
    const language =
      error instanceof RefusedEngine
        ? error.language
        : (/engine "([^"]+)"/.exec(String((error as Error).message))?.[1] ?? 'an unknown language');
    return {
      ok: false,
      ruleId: 'unsupported-front-matter',
      reason: `Front matter in \`${language}\` is not accepted; it is never run.`,
      fix: 'Write the front matter in YAML: open it with a plain `---` line.',
    };
  }
  // gray-matter's `matter` starts right after the opening `---`, so its line 1 is file line 1.
  // A copy, not a slice: every value parsed from it (a title, a zone) is a view into the string
  // it was cut from, which would keep each article's whole file text alive as long as the model
  // holds its title (about 10 KB an article: 1 GB at 100,000).
  const yaml = Buffer.from(file.matter, 'utf8').toString('utf8');
  // Lines: the opening `---`, the YAML's own line breaks, the closing `---`, then the body.
  const bodyLine = countLines(yaml) + 3;
  return { ok: true, yaml, body: file.content, bodyLine };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
