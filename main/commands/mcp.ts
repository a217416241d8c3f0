// `faxbot mcp`: the Faxbot tools for an AI assistant over stdio. It opens the data folder
// itself when it can; when the app or `faxbot serve` already holds it (one engine per
// folder), it goes through that Faxbot's REST API with API_KEY instead.
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { createLogger, DataFolderInUseError, type Engine } from '../engine';
import { engineFaxTools, loadFaxbotMcpServer, maxMessageBytes, restFaxTools, type FaxTools } from '../engine/api/mcp';
import { surviveStreamErrors } from '../engine/streams';
import { CliError, type CliIo } from './cliIo';
import { configFor, openEngine } from './engineSession';
import { MCP_HELP } from './usage';

export interface McpStreams {
  stdin: Readable;
  stdout: Writable;
}

/**
 * stdout is the protocol channel: a stray console.log (pdf.js prints its warnings that way)
 * would break the client's parser, so in this process console output goes to stderr.
 */
function keepStdoutForProtocol(): void {
  const toStderr = (...parts: unknown[]) => void process.stderr.write(parts.map(String).join(' ') + '\n');
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

function waitForEnd(stdin: Readable, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted || stdin.readableEnded) return resolve();
    const done = () => resolve();
    stdin.once('end', done);
    stdin.once('close', done);
    stop.addEventListener('abort', done, { once: true });
  });
}

export async function mcpCommand(
  args: string[],
  io: CliIo,
  streams: McpStreams = { stdin: process.stdin, stdout: process.stdout },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(MCP_HELP);
    return 0;
  }
  if (streams.stdout === process.stdout) keepStdoutForProtocol();
  const config = configFor(io, { dataDir: values['data-dir'] });

  let engine: Engine | null = null;
  let tools: FaxTools;
  let where: string;
  try {
    engine = await openEngine(io, config, 'warn', { auditActor: 'mcp' });
    tools = engineFaxTools(engine);
    where = `on the data folder ${config.dataDir}`;
  } catch (error) {
    if (!(error instanceof CliError) || !(error.cause instanceof DataFolderInUseError)) throw error;
    const apiKey = io.env.API_KEY?.trim();
    if (!apiKey) {
      throw new CliError(
        `Faxbot is already running on the data folder ${config.dataDir}, so faxbot mcp must reach it through its API, and needs an API key: create a key in Settings → API keys and set API_KEY to it in the assistant's MCP settings. Or stop the running Faxbot, and faxbot mcp opens the data folder itself.`,
      );
    }
    const baseUrl = io.env.FAX_API_URL?.trim() || `http://127.0.0.1:${config.port}`;
    tools = restFaxTools({ baseUrl, apiKey });
    where = `through the running Faxbot at ${baseUrl}`;
  }

  const logger = engine?.logger ?? createLogger({ level: 'warn', write: (line) => io.stderr(line + '\n') });
  // Loaded here, not at the top: every other command starts without the MCP SDK.
  const [{ createFaxbotMcpServer }, { StdioServerTransport }] = await Promise.all([
    loadFaxbotMcpServer(),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
  ]);
  const server = createFaxbotMcpServer(tools, { maxFileSizeMb: config.maxFileSizeMb, cwd: io.cwd, allowFilePaths: true, logger });
  const transport = new StdioServerTransport(streams.stdin, streams.stdout, { maxBufferSize: maxMessageBytes(config.maxFileSizeMb) });
  // An assistant may hang up on its pipes, or a REST call may lose its connection: a stream
  // error nobody heard must not take the engine (and any fax in flight) down with it.
  const releaseGuard = surviveStreamErrors(logger);
  try {
    await server.connect(transport);
    io.stderr(`Faxbot MCP server ready ${where}; talking MCP on stdin/stdout.\n`);
    await waitForEnd(streams.stdin, io.stop);
  } finally {
    await server.close().catch(() => undefined);
    await engine?.close();
    releaseGuard();
  }
  return 0;
}
