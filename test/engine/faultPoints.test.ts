// The crash tests' fault points kill the process only where they may: never once the
// packaged app has turned them off, whatever FAXBOT_FAULT_POINT says.
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';

const CHILD = 'test/engine/faultPointChild.ts';

describe('fault points', () => {
  it('kill the process at the named point in a development build (what the crash tests rely on)', async () => {
    const result = await runTs(CHILD, ['enabled'], { FAXBOT_FAULT_POINT: 'job-created' });
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).not.toContain('alive');
  });

  it('do nothing once disabled, as the packaged app does at start', async () => {
    const result = await runTs(CHILD, ['disabled'], { FAXBOT_FAULT_POINT: 'job-created' });
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.stdout).toBe('alive\n');
  });

  it('do nothing at other points, or with the variable unset', async () => {
    expect((await runTs(CHILD, ['enabled'], { FAXBOT_FAULT_POINT: 'attempt-committed' })).stdout).toBe('alive\n');
    expect((await runTs(CHILD, ['enabled'], { FAXBOT_FAULT_POINT: '' })).stdout).toBe('alive\n');
  });
});
