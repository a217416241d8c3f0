// An MCP client from the official SDK, talking to `node bin/faxbot.js mcp` over stdio,
// as an assistant such as Claude Desktop would.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ROOT } from '../support/childProcess';

export const MCP_ENV = { FAXBOT_CLI_SOURCE: '1', FAXBOT_SIMULATOR_TIME_SCALE: '0.01', FAXBOT_LOG_LEVEL: 'warn', FAXBOT_WEBHOOK_PORT: '0' };

export interface StdioSession {
  client: Client;
  dataDir: string;
  stderr: () => string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function startStdioSession(
  options: { dataDir?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<StdioSession> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'faxbot-mcp-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(ROOT, 'bin', 'faxbot.js'), 'mcp', '--data-dir', dataDir],
    cwd: options.cwd ?? ROOT,
    env: { ...(process.env as Record<string, string>), ...MCP_ENV, ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new Client({ name: 'faxbot-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    dataDir,
    stderr: () => stderr,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The text of a tool result, for assertions on what an assistant would read. */
export const textOf = (result: CallToolResult): string =>
  result.content
    .filter((part) => part.type === 'text')
    .map((part) => (part as { text: string }).text)
    .join('\n');

/** Asks again until the answer satisfies `done`: the state the test waits for, not a fixed time. */
export async function until<T>(ask: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await ask();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last answer: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
