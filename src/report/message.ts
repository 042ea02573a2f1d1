/** A problem found in content or config: where it is, how bad, which rule, and how to fix it. */
export interface Message {
  /** Path as the writer knows it (relative to the project root, `/` separators). */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** Permanent rule id, documented in the README (e.g. `unknown-field`). */
  ruleId: string;
  /** What is wrong, naming the field. */
  reason: string;
  /** How to fix it, when we can tell. */
  fix?: string;
}

/** Sorts messages by file, then position, then rule id, so reports are stable. */
export function sortMessages(messages: readonly Message[]): Message[] {
  return [...messages].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.reason, b.reason),
  );
}

/** Counts errors and warnings. */
export function countMessages(messages: readonly Message[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const m of messages) if (m.severity === 'error') errors++;
  return { errors, warnings: messages.length - errors };
}

/**
 * Formats messages one per line as `file:line:col: severity reason fix [rule]`, the form
 * compilers use, so terminals and editors can jump to the place.
 */
export function formatMessages(messages: readonly Message[]): string {
  const lines = sortMessages(messages).map((m) => {
    const fix = m.fix ? ` ${m.fix}` : '';
    return `${m.file}:${m.line}:${m.column}: ${m.severity} ${m.reason}${fix} [${m.ruleId}]`;
  });
  const { errors, warnings } = countMessages(messages);
  if (messages.length > 0) {
    lines.push('', `${plural(messages.length, 'message')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`);
  }
  return lines.join('\n');
}

/** Code-point order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A draft's problems as a build that does not publish drafts reports them: its errors said as
 * warnings, marked as a draft's. The draft is not built, so it cannot break the site, and one
 * reporter's unfinished file never stops the desk publishing; `--drafts` makes them errors again.
 */
export function asDraftMessages(messages: readonly Message[]): Message[] {
  return messages.map((m) =>
    m.severity === 'error' ? { ...m, severity: 'warning', reason: `In a draft, not published until fixed: ${m.reason}` } : m,
  );
}
