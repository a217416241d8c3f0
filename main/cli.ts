// The `faxbot` command (npx faxbot, npm run serve). `main` takes its streams, environment
// and stop signal as arguments so tests can run it in process; `run` wires the real ones.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  COMMAND_HELP,
  CliError,
  UsageError,
  mainHelp,
  packageVersion,
  mcpCommand,
  auditCommand,
  printerCommand,
  tiffCommand,
  sendCommand,
  serveCommand,
  type CliIo,
} from './commands/index';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  serve: serveCommand,
  send: sendCommand,
  mcp: mcpCommand,
  audit: auditCommand,
  printer: printerCommand,
  tiff: tiffCommand,
};

function defaultIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stop: new AbortController().signal,
  };
}

function helpFor(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.stdout(mainHelp(packageVersion()));
    return 0;
  }
  const text = COMMAND_HELP[topic];
  if (!text) throw new UsageError(`There is no command called "${topic}".`);
  io.stdout(text);
  return 0;
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return helpFor(undefined, io);
  if (first === '--version' || first === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (first === 'help') {
    if (rest[0] === '--help' || rest[0] === '-h') return helpFor('help', io);
    if (rest.length > 1) throw new UsageError('faxbot help takes at most one command name.');
    return helpFor(rest[0], io);
  }
  const command = COMMANDS[first];
  if (!command) throw new UsageError(`There is no command called "${first}".`);
  return await command(rest, io);
}

/** Runs the command line `argv` (without node and the script) and answers its exit code. */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...defaultIo(), ...io };
  try {
    return await runCommand(argv, full);
  } catch (error) {
    if (error instanceof UsageError) {
      full.stderr(`faxbot: ${error.message}\n`);
      if (error.command) full.stderr(`Run "faxbot ${error.command} --help" for its options.\n`);
      else full.stderr(mainHelp(packageVersion()));
      return error.exitCode;
    }
    if (error instanceof CliError) {
      full.stderr(`faxbot: ${error.message}\n`);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const command = argv[0] && COMMANDS[argv[0]] ? argv[0] : undefined;
      full.stderr(`faxbot: ${(error as Error).message}\n`);
      full.stderr(command ? `Run "faxbot ${command} --help" for its options.\n` : mainHelp(packageVersion()));
      return 2;
    }
    full.stderr(`faxbot: unexpected problem: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** The real process: stdout, stderr, environment, and Ctrl+C / SIGTERM as a stop. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const stop = new AbortController();
  const onSignal = () => {
    // A second Ctrl+C means "now": do not wait for a clean close that seems stuck.
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `faxbot send … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', () => undefined);
  const code = await main(argv, { stop: stop.signal });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.exitCode = code;
  // Everything is closed by now; if a stray handle keeps the process alive, do not hang.
  setTimeout(() => process.exit(code), 2000).unref();
}

function isEntry(): boolean {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isEntry()) void run();
