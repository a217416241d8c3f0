// The command that runs this Faxbot from anywhere: this Node and this checkout's
// bin/faxbot.js, by absolute path. Never `npx faxbot`: outside the checkout npx looks the
// name up in the npm registry, where anyone could publish a package called faxbot.
import { join } from 'node:path';
import { packageRoot } from './packageRoot';

export interface FaxbotCommand {
  command: string;
  args: string[];
}

export function faxbotCommand(...args: string[]): FaxbotCommand {
  return { command: process.execPath, args: [join(packageRoot(), 'bin', 'faxbot.js'), ...args] };
}

/** The same as one line for a shell, quoted where a path has spaces. */
export function faxbotCommandLine(...args: string[]): string {
  const { command, args: all } = faxbotCommand(...args);
  return [command, ...all].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The assistant's MCP configuration (Claude Desktop's mcpServers shape) that starts this Faxbot's `faxbot mcp`. */
export function mcpServerConfigJson(): string {
  const { command, args } = faxbotCommand('mcp');
  return JSON.stringify(
    { mcpServers: { faxbot: { command, args, env: { FAX_DATA_DIR: '/path/to/faxbot-data', API_KEY: 'fbk_live_...' } } } },
    null,
    2,
  );
}
