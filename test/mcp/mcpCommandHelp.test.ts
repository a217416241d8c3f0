// `faxbot mcp --help` and its mistakes: help goes to stdout only when asked; a wrong
// option is a usage error on stderr (exit 2), never protocol noise on stdout.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFaxbot } from '../headless/cliRunner';

describe('faxbot mcp on the command line', () => {
  it('prints its help, with the assistant configuration, for --help and help mcp', async () => {
    for (const args of [
      ['mcp', '--help'],
      ['help', 'mcp'],
    ]) {
      const run = startFaxbot(args);
      expect(await run.exited).toBe(0);
      expect(run.stdout()).toMatch(/Usage: faxbot mcp \[--data-dir DIR\]/);
      // The configuration names this Node and this checkout's launcher, never a bare
      // "faxbot" an assistant would look up in the npm registry.
      const config = JSON.parse(/\{\n\s+"mcpServers"[\s\S]*?\n {2}\}\n/.exec(run.stdout())?.[0] ?? '{}') as {
        mcpServers?: { faxbot?: { command: string; args: string[] } };
      };
      expect(config.mcpServers?.faxbot?.command).toBe(process.execPath);
      expect(config.mcpServers?.faxbot?.args).toEqual([resolve('bin/faxbot.js'), 'mcp']);
    }
  });

  it('refuses an unknown option or a stray argument with exit 2 and nothing on stdout', async () => {
    for (const args of [
      ['mcp', '--port', '9'],
      ['mcp', 'extra'],
    ]) {
      const run = startFaxbot(args);
      expect(await run.exited).toBe(2);
      expect(run.stdout()).toBe('');
      expect(run.stderr()).toMatch(/faxbot mcp --help/);
    }
  });
});
