import { build } from './commands/build.ts';
import { check } from './commands/check.ts';
import { UsageError, type Command, type CommandIO } from './commands/command.ts';
import { importReport } from './commands/import-report.ts';
import { newArticle } from './commands/new-article.ts';
import { schema } from './commands/schema.ts';
import { serve } from './commands/serve.ts';

const COMMANDS: Command[] = [build, check, serve, newArticle, importReport, schema];

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
  const command = COMMANDS.find((c) => c.name === (named ? first : 'build'));
  if (!command) {
    io.stderr(`Unknown command \`${first}\`.\n\n${USAGE}`);
    return 2;
  }
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
