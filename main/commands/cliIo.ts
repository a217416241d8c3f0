// What a command may touch of the outside world, passed in so tests can run a command in
// process and read what it printed.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** The folder relative paths are read from. */
  cwd: string;
  /** Aborted when the person asks to stop (Ctrl+C, SIGTERM). */
  stop: AbortSignal;
}

/** A failure the person can act on: printed as one line on stderr, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Wrong use of the command line itself: exit code 2, with a pointer to the help. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
