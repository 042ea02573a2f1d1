import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

/** One schema problem in writer's words, with the path it is at. */
export interface SchemaProblem {
  path: (string | number)[];
  /** Point at the key (unknown field) rather than its value. */
  atKey: boolean;
  ruleId: 'unknown-field' | 'missing-field' | 'invalid-field';
  reason: string;
  fix?: string;
}

/**
 * Turns zod issues into problems a writer understands: the field by name, what was expected,
 * and a suggestion where one is likely (`locaton` → `location`).
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  fieldsAt: (path: (string | number)[]) => string[],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = path.length === 0 ? 'front matter' : formatPath(path);
    if (issue.code === 'unrecognized_keys') {
      const known = fieldsAt(path);
      for (const key of issue.keys) {
        const guess = suggest(key, known);
        problems.push({
          path: [...path, key],
          atKey: true,
          ruleId: 'unknown-field',
          reason: `Unknown field \`${formatPath([...path, key])}\`.`,
          fix: guess ? `Did you mean \`${guess}\`?` : `Known fields: ${known.join(', ')}.`,
        });
      }
    } else if (valueAt(input, path) === undefined && path.length > 0) {
      // Whatever the expected type (text, list, one of several), nothing was written.
      problems.push({
        path: path.slice(0, -1),
        atKey: true,
        ruleId: 'missing-field',
        reason: `Missing required field \`${field}\`.`,
        fix: `Add \`${String(path[path.length - 1])}:\` with a value.`,
      });
    } else {
      problems.push({ path, atKey: false, ruleId: 'invalid-field', ...explain(issue, field, valueAt(input, path)) });
    }
  }
  return problems;
}

function explain(issue: z.core.$ZodIssue, field: string, value: unknown): { reason: string; fix?: string } {
  switch (issue.code) {
    case 'invalid_type':
      return {
        reason: `\`${field}\` must be ${describeExpected(issue.expected)}, not ${describeValue(value)}.`,
        fix:
          value === null
            ? 'Give it a value or remove the line.'
            : issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
              ? 'Put the value in quotes.'
              : undefined,
      };
    case 'too_small':
      if (issue.origin === 'number') return { reason: `\`${field}\` must be at least ${String(issue.minimum)}, not ${String(value)}.` };
      return { reason: `\`${field}\` is empty.`, fix: 'Give it a value or remove the line.' };
    case 'invalid_value':
      return { reason: `\`${field}\` is \`${String(value)}\`.`, fix: `Use one of: ${issue.values.map(String).join(', ')}.` };
    case 'invalid_format':
      return {
        reason: `\`${field}\` is not a valid ${issue.format === 'url' ? 'http(s) URL' : issue.format}.`,
        fix: issue.format === 'url' ? 'Write the full address, starting with https://.' : undefined,
      };
    case 'invalid_union':
      return { reason: `\`${field}\` must be text or a list of texts, not ${describeValue(value)}.` };
    default:
      return { reason: `\`${field}\`: ${issue.message}.` };
  }
}

function describeExpected(expected: string): string {
  return (
    (
      {
        string: 'text',
        array: 'a list',
        object: 'a set of fields',
        boolean: '`true` or `false`',
        number: 'a number',
        int: 'a whole number',
      } as Record<string, string>
    )[expected] ?? expected
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return 'text';
  return `the ${typeof value} \`${String(value)}\``;
}

/** `sources[0].url` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let v = input;
  for (const p of path) v = v != null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** The closest known word, if it is close enough to be what the writer meant. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = word.toLowerCase();
  const prefix = known.find((k) => k.startsWith(lower) || lower.startsWith(k));
  if (prefix) return prefix;
  const best = closest(lower, [...known]);
  return distance(lower, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
