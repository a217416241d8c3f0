// The test clock (FAXBOT_TEST_CLOCK_FILE) moves the engine's time in a development build, for
// the end-to-end tests of Send later, and does nothing once the packaged app has turned the
// test hooks off, whatever the variable says.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';

const CHILD = 'test/engine/testClockChild.ts';

describe('the test clock', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'faxbot-clock-')), 'offset');
  writeFileSync(file, String(30 * 3_600_000));

  it('adds the file’s offset to the system clock in a development build', async () => {
    expect((await runTs(CHILD, ['enabled'], { FAXBOT_TEST_CLOCK_FILE: file })).stdout).toBe('30\n');
  });

  it('is the system clock once test hooks are off (the packaged app), or with no file named', async () => {
    expect((await runTs(CHILD, ['disabled'], { FAXBOT_TEST_CLOCK_FILE: file })).stdout).toBe('0\n');
    expect((await runTs(CHILD, ['enabled'], { FAXBOT_TEST_CLOCK_FILE: '' })).stdout).toBe('0\n');
    expect((await runTs(CHILD, ['enabled'], { FAXBOT_TEST_CLOCK_FILE: join(file, 'missing') })).stdout).toBe('0\n');
  });
});
