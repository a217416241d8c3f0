// `faxbot serve`: the engine plus the headless server, until the person stops it.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dispatch, type Engine } from '../engine';
import { startHeadlessServer, type HeadlessServer } from '../headless';
import { createApiRoute } from '../engine/api';
import { surviveStreamErrors } from '../engine/streams';
import { CliError, UsageError, type CliIo } from './cliIo';
import { configFor, openEngine } from './engineSession';
import { rendererDir } from './packageRoot';
import { SERVE_HELP } from './usage';

export function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`--port ${raw} is not a port: use a number from 0 to 65535 (0 picks any free port).`, 'serve');
  }
  return Number(raw);
}

function listenProblem(error: unknown, port: number): CliError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new CliError(`Port ${port} is in use: stop the other program or set FAXBOT_PORT / --port`);
  if (code === 'EACCES') return new CliError(`Port ${port} needs administrator rights: choose a port above 1023 with FAXBOT_PORT / --port`);
  return new CliError(`Faxbot could not listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Fails fast on a taken port, before the engine starts its queue: a second Faxbot on the
 * same data folder must not begin sending just to find it cannot listen.
 */
function checkPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(listenProblem(error, port)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function providerLabel(engine: Engine): Promise<string> {
  const reply = await dispatch(engine, 'getStatus', {});
  if (!reply.ok) return engine.config.backend;
  const status = reply.result as { provider: string; providerLabel: string };
  return status.providerLabel && status.providerLabel !== status.provider
    ? `${status.providerLabel} (${status.provider})`
    : status.provider;
}

/** serve's options with a value, as npm names them in npm_config_* (dashes become underscores). */
const VALUE_OPTIONS = [
  { flag: '--port', npmKey: 'npm_config_port', looksLike: (value: string) => /^\d{1,5}$/.test(value) },
  { flag: '--data-dir', npmKey: 'npm_config_data_dir', looksLike: (value: string) => !/^\d{1,5}$/.test(value) },
] as const;

/**
 * `npm run serve --port 8090` without `--`: npm takes --port for itself (npm_config_port=true)
 * and passes 8090 on alone; `--port=8090` vanishes into npm_config_port. Either way serve
 * would start on the wrong port or data folder, so it says how to pass the option through.
 */
function optionsNpmKept(args: string[], env: CliIo['env']): UsageError | null {
  if (!env.npm_lifecycle_event) return null;
  const strays = args.filter((arg) => !arg.startsWith('-'));
  const kept: string[] = [];
  for (const option of VALUE_OPTIONS) {
    const held = env[option.npmKey];
    if (held === undefined || args.some((arg) => arg === option.flag || arg.startsWith(`${option.flag}=`))) continue;
    const value = held !== 'true' ? held : strays.find(option.looksLike);
    if (value !== undefined && held === 'true') strays.splice(strays.indexOf(value), 1);
    kept.push(`${option.flag} ${value ?? (option.flag === '--port' ? 'N' : 'DIR')}`);
  }
  if (kept.length === 0) return null;
  const rest = args.filter((arg) => arg.startsWith('-'));
  const retry = ['npm run serve --', ...kept, ...rest].join(' ');
  return new UsageError(
    `npm kept ${kept.map((k) => k.split(' ')[0]).join(' and ')} for itself, so Faxbot did not get ${kept.length === 1 ? 'it' : 'them'}: with npm run, options go after --. Run: ${retry}`,
    'serve',
  );
}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const keptByNpm = optionsNpmKept(args, io.env);
  if (keptByNpm) throw keptByNpm;
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  const config = configFor(io, { dataDir: values['data-dir'], port: parsePort(values.port) });
  // A fixed token (e.g. for an always-on office machine) keeps open browser tabs working
  // across restarts; by default every start makes a new one.
  const token = io.env.FAXBOT_ACCESS_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < 32) {
    throw new CliError(
      'FAXBOT_ACCESS_TOKEN is too short: use at least 32 random characters (for example the output of "openssl rand -base64 32"), or unset it for a new token at each start.',
    );
  }
  await checkPortFree(config.port);
  if (io.stop.aborted) return 0;
  const engine = await openEngine(io, config, 'info', { watchFolder: true });
  // From here on Faxbot serves the network: a stream error nobody heard must not end it.
  const releaseGuard = surviveStreamErrors(engine.logger);
  try {
    return await serveUntilStopped(engine, config.port, token, io);
  } finally {
    releaseGuard();
  }
}

async function serveUntilStopped(engine: Engine, port: number, token: string | undefined, io: CliIo): Promise<number> {
  let server: HeadlessServer;
  try {
    // The REST API shares this server (DESIGN.md: UI + RPC + REST API on FAXBOT_PORT); it answers 404 while turned off.
    server = await startHeadlessServer({
      engine,
      port,
      host: '127.0.0.1',
      rendererDir: rendererDir(),
      token,
      routes: [createApiRoute({ engine })],
    });
  } catch (error) {
    await engine.close();
    throw listenProblem(error, port);
  }

  io.stdout(`Faxbot is running: ${server.uiUrl}\n`);
  io.stdout(`Data folder: ${engine.config.dataDir}\n`);
  io.stdout(`Provider: ${await providerLabel(engine)}\n`);
  engine.api.setBaseUrl(server.url);
  io.stdout(
    engine.api.isEnabled()
      ? `REST API: on at ${server.url} (X-API-Key; endpoints at ${server.url}/openapi.json)\n`
      : `REST API: off. ${engine.api.offReason()}\n`,
  );
  io.stdout(webhookLine(engine));
  io.stdout(await watchedFolderLine(engine));
  io.stdout('Open the address above in a browser on this computer. Stop with Ctrl+C.\n');

  await new Promise<void>((resolve) => {
    if (io.stop.aborted) resolve();
    else io.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  io.stdout('Stopping Faxbot…\n');
  await server.close();
  await engine.close();
  io.stdout('Faxbot stopped.\n');
  return 0;
}

/** Where providers' callbacks arrive, and whether they can (the path secret is never printed). */
function webhookLine(engine: Engine): string {
  const health = engine.webhooks.getHealth();
  if (!health.listening)
    return `Webhooks: not listening (${engine.webhooks.listenProblem() ?? 'the listener did not start'}); fax status will be polled\n`;
  const reach = health.publicUrl
    ? `public URL ${health.publicUrl}${health.publicUrlLockedBy ? ` (from ${health.publicUrlLockedBy})` : health.publicUrlSource === 'tunnel' ? ' (ngrok tunnel)' : ''}`
    : health.tunnel.state === 'failed'
      ? `no public URL: ${health.tunnel.message}`
      : 'no public URL (set PUBLIC_API_URL to a tunnel address, or NGROK_AUTHTOKEN); fax status will be polled';
  return `Webhooks: listening on ${health.listenAddress}; ${reach}\n`;
}

/** Which folder this Faxbot takes printed documents from, and why that one (issue 23.6). */
async function watchedFolderLine(engine: Engine): Promise<string> {
  const reply = await dispatch(engine, 'getHotFolder', {});
  if (!reply.ok) return `Watched folder: none (${reply.error.message})\n`;
  const { folder, enabled, problem } = reply.result as { folder: string; enabled: boolean; problem: string | null };
  if (!enabled) return 'Watched folder: off (FAXBOT_WATCH=false); printed documents are not picked up\n';
  const why = engine.config.env.FAXBOT_WATCH_DIR?.trim()
    ? 'from FAXBOT_WATCH_DIR'
    : folder === join(engine.config.dataDir, 'Outbox')
      ? "this data folder's own; point the printer here with faxbot printer install --folder, or set FAXBOT_WATCH_DIR"
      : 'where the Faxbot printer saves';
  return `Watched folder: ${folder} (${why})${problem ? `: ${problem}` : ''}\n`;
}
