// Opening the engine for a command: configuration from the environment with the command's
// flags on top, a logger on stderr, and start-up failures turned into one readable line.
import { resolve } from 'node:path';
import { ConfigError } from '../engine';
import { createEngine, createLogger, loadConfig, type Engine, type EngineConfig } from '../engine';
import { isFaxError } from '../../shared/errors';
import { CliError, type CliIo } from './cliIo';

export interface EngineFlags {
  dataDir?: string;
  port?: number;
}

/** The flags win over the variables they stand for (DESIGN.md: --data-dir over FAX_DATA_DIR). */
export function configFor(io: CliIo, flags: EngineFlags): EngineConfig {
  const env = { ...io.env };
  if (flags.dataDir !== undefined) env.FAX_DATA_DIR = resolve(io.cwd, flags.dataDir);
  else if (env.FAX_DATA_DIR?.trim()) env.FAX_DATA_DIR = resolve(io.cwd, env.FAX_DATA_DIR.trim());
  if (flags.port !== undefined) env.FAXBOT_PORT = String(flags.port);
  try {
    return loadConfig({}, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * `watchFolder`: only `faxbot serve` watches the printer folder; one-shot commands never do.
 * `auditActor`: who the audit log names for operations this engine runs ('window' for the
 * desk `serve` opens, 'cli' for `faxbot send`, 'mcp' for stdio MCP).
 */
export async function openEngine(
  io: CliIo,
  config: EngineConfig,
  defaultLogLevel: 'info' | 'warn',
  options: { watchFolder?: boolean; auditActor?: string } = {},
): Promise<Engine> {
  const level = (io.env.FAXBOT_LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? defaultLogLevel;
  const logger = createLogger({ level, write: (line) => io.stderr(line + '\n') });
  try {
    return await createEngine({
      config,
      logger,
      headless: true,
      watchFolder: options.watchFolder ?? false,
      auditActor: options.auditActor,
    });
  } catch (error) {
    if (error instanceof ConfigError || isFaxError(error)) throw new CliError(error.message, 1, { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`Faxbot could not start on the data folder ${config.dataDir}: ${reason}`);
  }
}
