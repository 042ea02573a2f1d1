/** What a command writes to: the process's streams in the CLI, buffers in tests. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The folder the command was started in. */
  cwd: string;
  /** True when stderr is a terminal (progress bars); false in CI and pipes (plain lines). */
  interactive: boolean;
}

/** One `dateline <name>` command. */
export interface Command {
  name: string;
  /** Full usage for `dateline <name> --help`. */
  usage: string;
  /** Runs the command; returns the exit code (0 ok, 1 content errors, 2 misuse). */
  run: (argv: string[], io: CommandIO) => Promise<number>;
}

/** Thrown for misuse (bad option, missing argument): the CLI prints the message and the usage, exit 2. */
export class UsageError extends Error {}
