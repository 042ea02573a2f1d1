import { type Command, type CommandIO, UsageError } from './commands/command.ts';

/**
 * The commands, with the line `dateline --help` shows for each, loaded only when run: `dateline new` or `schema` need not load the build, so
 * they start in a fraction of the time a build does.
 */
const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: 'build',
    summary: 'Check the content and build the site (default folder: _site)',
    load: async () => (await import('./commands/build.ts')).build,
  },
  {
    name: 'check',
    summary: 'Check the content without building; exit 1 on errors',
    load: async () => (await import('./commands/check.ts')).check,
  },
  {
    name: 'serve',
    summary: 'Build, serve on 127.0.0.1, rebuild and reload on every save',
    load: async () => (await import('./commands/serve.ts')).serve,
  },
  {
    name: 'new',
    summary: 'Start an article: write a valid file at the conventional path',
    load: async () => (await import('./commands/new-article.ts')).newArticle,
  },
  {
    name: 'import',
    summary: 'Turn raw text reports into draft articles',
    load: async () => (await import('./commands/import-report.ts')).importReport,
  },
  {
    name: 'schema',
    summary: 'Print the front-matter JSON Schema (for editors)',
    load: async () => (await import('./commands/schema.ts')).schema,
  },
];

const USAGE = `Usage: dateline <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run \`dateline <command> --help\` for a command's options. Without a command, \`build\`.
`;

/** Runs the command line; returns the exit code (0 ok, 1 errors in content, 2 misuse). */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const first = argv[0];
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const named = first !== undefined && !first.startsWith('-');
  const entry = COMMANDS.find((c) => c.name === (named ? first : 'build'));
  if (!entry) {
    io.stderr(`Unknown command \`${first}\`.\n\n${USAGE}`);
    return 2;
  }
  const command = await entry.load();
  const rest = named ? argv.slice(1) : argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown or malformed options.
    const misuse = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (misuse) {
      io.stderr(`dateline ${command.name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    // Anything else thrown (no content folder, an output folder that is not ours): one line, exit 1.
    io.stderr(`dateline: ${(error as Error).message}\n`);
    return 1;
  }
}

function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}
