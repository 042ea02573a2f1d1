import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from '../pipeline/run-build.ts';
import { countMessages, formatMessages, type Message, plural } from '../report/message.ts';
import { type Command, UsageError } from './command.ts';

export const check: Command = {
  name: 'check',
  usage: `Usage: dateline check [paths…] [options]

Checks every article, place file and the config, and prints each problem as
file:line:col: severity reason fix [rule-id]. With paths (files or folders), only
the problems in those are printed; the whole archive is still read, so links
between articles are checked too.

Options:
  --root DIR        Project folder (default: the current folder)
  --format FORMAT   text (default) or json (for tools and editors)
  --drafts          Check articles with status: draft as if they were published
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { root: { type: 'string' }, format: { type: 'string', default: 'text' }, drafts: { type: 'boolean' } },
    });
    if (values.format !== 'text' && values.format !== 'json')
      throw new UsageError(`Unknown format \`${values.format}\`: use text or json.`);
    const root = resolve(io.cwd, values.root ?? '.');
    const report = await runBuild({ root, dryRun: true, overrides: { drafts: values.drafts } });
    // Paths are given relative to where the command runs; messages name files relative to the root.
    const scopes = positionals.map((p) => {
      const abs = resolve(io.cwd, p);
      // A mistyped path must not pass as "no errors in it".
      if (!existsSync(abs)) throw new UsageError(`No such file or folder: ${p}`);
      const rel = relative(root, abs).split('\\').join('/');
      if (rel.startsWith('..')) throw new UsageError(`${p} is outside the project (${root}).`);
      return rel;
    });
    const inScope = (m: Message) => scopes.length === 0 || scopes.some((s) => s === '' || m.file === s || m.file.startsWith(`${s}/`));
    const messages = report.messages.filter(inScope);
    const { errors, warnings } = countMessages(messages);
    if (values.format === 'json') {
      io.stdout(`${JSON.stringify({ ok: errors === 0, articles: report.articles, errors, warnings, messages }, null, 2)}\n`);
    } else {
      if (messages.length > 0) io.stderr(`${formatMessages(messages)}\n`);
      // Every file checked counts, a draft's too (report.articles counts what would be published).
      const files = report.check ? report.check.cached + report.check.checked : report.articles;
      const also = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
      io.stdout(errors > 0 ? `Check failed: ${plural(errors, 'error')}.\n` : `Checked ${plural(files, 'article')}: no errors${also}.\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
