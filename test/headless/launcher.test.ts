// The faxbot command from anywhere, safely: `npm run setup` installs a launcher that runs this
// checkout by absolute path, and the MCP configuration Faxbot documents starts this checkout's
// server — from a folder outside the checkout, where `npx faxbot` would ask the npm registry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/childProcess';
import { MCP_ENV } from '../mcp/mcpStdioClient';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** A PATH with the system's tools only: no npx cache, no checkout's node_modules/.bin. */
const PLAIN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function setup(binDir: string, extra: string[] = []) {
  return execFileSync(process.execPath, [join(ROOT, 'scripts', 'setup.mjs'), '--bin-dir', binDir, ...extra], { encoding: 'utf8' });
}

describe('the faxbot command outside the checkout', { timeout: 60_000 }, () => {
  it('npm run setup installs a launcher that runs this checkout from any folder', () => {
    const binDir = mkdtempSync(join(tmpdir(), 'faxbot-bin-'));
    const said = setup(binDir);
    expect(said).toMatch(/Installed the faxbot command: .*faxbot/);
    expect(said).toContain(join(ROOT, 'bin', 'faxbot.js'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'faxbot-elsewhere-'));
    const run = (...args: string[]) =>
      execFileSync(join(binDir, 'faxbot'), args, {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { PATH: PLAIN_PATH, HOME: elsewhere, FAXBOT_CLI_SOURCE: '1' },
      });
    expect(run('--version').trim()).toBe(version);
    expect(run('--help')).toMatch(/^Faxbot .*: send, receive and read faxes/);
    // The help offers the absolute command, never npx.
    expect(run('mcp', '--help')).not.toMatch(/"npx"/);
  });

  it('refuses to overwrite a file of the same name that is not its own launcher, and a --bin-dir without a folder', () => {
    const binDir = mkdtempSync(join(tmpdir(), 'faxbot-bin-'));
    writeFileSync(join(binDir, 'faxbot'), '#!/bin/sh\necho someone else\n');
    expect(() => setup(binDir)).toThrow(/exists and is not a Faxbot launcher/);
    expect(readFileSync(join(binDir, 'faxbot'), 'utf8')).toContain('someone else');
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'setup.mjs'), '--bin-dir'], { encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/--bin-dir needs a folder/);
    // Running it again over its own launcher is fine.
    const mine = mkdtempSync(join(tmpdir(), 'faxbot-bin-'));
    setup(mine);
    expect(setup(mine)).toMatch(/Installed/);
  });

  it('the MCP configuration `faxbot mcp --help` documents starts this Faxbot’s server, from a folder outside the checkout', async () => {
    const help = execFileSync(process.execPath, [join(ROOT, 'bin', 'faxbot.js'), 'mcp', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, FAXBOT_CLI_SOURCE: '1' },
    });
    const json = help.slice(help.indexOf('{'), help.lastIndexOf('}') + 1);
    const config = JSON.parse(json) as { mcpServers: { faxbot: { command: string; args: string[] } } };
    const { command, args } = config.mcpServers.faxbot;
    expect(command).toBe(process.execPath);
    expect(args).toEqual([join(ROOT, 'bin', 'faxbot.js'), 'mcp']);
    const elsewhere = mkdtempSync(join(tmpdir(), 'faxbot-assistant-'));
    const transport = new StdioClientTransport({
      command,
      args,
      cwd: elsewhere,
      env: { ...MCP_ENV, PATH: PLAIN_PATH, HOME: elsewhere, FAX_DATA_DIR: join(elsewhere, 'data') },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'assistant', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toMatch(/faxbot/i);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('send_fax');
    } finally {
      await client.close();
    }
  });
});
