// `faxbot mcp --help` and its mistakes: help goes to stdout only when asked; a wrong
// option is a usage error on stderr (exit 2), never protocol noise on stdout.
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
      expect(run.stdout()).toContain('"args": ["faxbot", "mcp"]');
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
