// The process guard of `faxbot serve`, `faxbot mcp` and the desktop app, in a real child
// process: a stream error nobody listened to is logged (numbers masked) and survived; a
// programming error is logged and ends the process with exit code 1, as Node would.
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';

const CHILD = 'test/robustness/guardChild.ts';

describe('process guard: stream errors are survived, bugs are not', () => {
  it('logs and survives unheard stream errors (busboy, write after end, reset), and keeps serving', async () => {
    const result = await runTs(CHILD, ['streams'], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('still running after 3 stream errors, answered 200\n');
    const warnings = result.stderr.split('\n').filter((line) => line.includes('a connection broke'));
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/Unexpected end of form/);
    expect(warnings.join('\n')).toMatch(/ERR_STREAM_WRITE_AFTER_END/);
    expect(warnings.join('\n')).toMatch(/ECONNRESET/);
    // The fax number in the reset's message reaches the log masked to its last 4 digits.
    expect(result.stderr).not.toMatch(/202\D*555\D*0143/);
    expect(result.stderr).toMatch(/0143/);
  });

  it('ends the process with exit code 1 on a TypeError, saying so in the log', async () => {
    const result = await runTs(CHILD, ['bug'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/programming error and stops/);
    expect(result.stderr).toMatch(/TypeError/);
  });

  it('ends the process with exit code 1 on an unhandled rejection that is not a stream error', async () => {
    const result = await runTs(CHILD, ['rejection'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"origin":"unhandledRejection"/);
    expect(result.stderr).toMatch(/a bug in a promise chain/);
  });
});
