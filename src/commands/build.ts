import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { formatMessages, plural } from '../report/message.ts';
import { runBuild } from '../build/run-build.ts';
import type { Command } from './command.ts';

export const build: Command = {
  name: 'build',
  summary: 'Check the content and build the site (default folder: _site)',
  usage: `Usage: dateline build [options]

Options:
  --root DIR   Project folder (default: the current folder)
  --out DIR    Output folder, relative to the project (overrides dateline.yaml)
  --drafts     Build articles with status: draft too
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { root: { type: 'string' }, out: { type: 'string' }, drafts: { type: 'boolean' } },
    });
    const root = resolve(io.cwd, values.root ?? '.');
    const report = await runBuild({ root, overrides: { output: values.out, drafts: values.drafts } });
    if (report.messages.length > 0) io.stderr(`${formatMessages(report.messages)}\n`);
    if (!report.ok) {
      io.stderr('Build failed: nothing was written; the previous site is untouched.\n');
      return 1;
    }
    const total = Object.values(report.timings).reduce((a, b) => a + b, 0);
    const where = relative(io.cwd, report.output!) || '.';
    io.stdout(`Built ${plural(report.articles, 'article')} into ${plural(report.pages, 'page')} in ${where}/ (${(total / 1000).toFixed(2)} s).\nOpen ${where}/index.html in a browser, or serve the folder.\n`);
    return 0;
  },
};
