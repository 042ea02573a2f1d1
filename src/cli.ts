import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { formatMessages, plural } from './report/message.ts';
import { runBuild } from './build/run-build.ts';

const USAGE = `Usage: dateline <command> [options]

Commands:
  build        Check the content and build the site (default folder: _site)
  check        Check the content without building

Options:
  --root DIR   Project folder (default: the current folder)
  --out DIR    Output folder, relative to the project (overrides dateline.yaml)
  --drafts     Build articles with status: draft too
  -h, --help   Show this help
`;

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { root: { type: 'string' }, out: { type: 'string' }, drafts: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'build';
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'build' && command !== 'check') {
    process.stderr.write(`Unknown command \`${command}\`.\n\n${USAGE}`);
    return 2;
  }
  const root = values.root ?? process.cwd();
  let report;
  try {
    report = await runBuild({ root, dryRun: command === 'check', overrides: { output: values.out, drafts: values.drafts } });
  } catch (error) {
    // Misuse (no content folder, an output folder that is not ours): one line, no stack trace.
    process.stderr.write(`dateline: ${(error as Error).message}\n`);
    return 1;
  }
  if (report.messages.length > 0) process.stderr.write(`${formatMessages(report.messages)}\n`);
  if (!report.ok) {
    process.stderr.write(command === 'build' ? 'Build failed: nothing was written; the previous site is untouched.\n' : 'Check failed.\n');
    return 1;
  }
  const total = Object.values(report.timings).reduce((a, b) => a + b, 0);
  if (command === 'check') {
    process.stdout.write(`Checked ${plural(report.articles, 'article')}: no errors.\n`);
  } else {
    const where = relative(process.cwd(), report.output!) || '.';
    process.stdout.write(`Built ${plural(report.articles, 'article')} into ${plural(report.pages, 'page')} in ${where}/ (${(total / 1000).toFixed(2)} s).\nOpen ${where}/index.html in a browser, or serve the folder.\n`);
  }
  return 0;
}
