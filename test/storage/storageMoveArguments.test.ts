// Bad calls to the storage-move operations: refused with an error a person can act on, and
// nothing moved or changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOperationInput } from '../../shared/rpc';
import { startEngine, type Harness } from '../support/engineHarness';
import { startFakeS3, type FakeS3 } from '../support/s3rver';
import { documentRows, s3Env, watchMoves } from './storageMoveSetup';

let s3: FakeS3;
let harness: Harness | null = null;
beforeEach(async () => {
  s3 = await startFakeS3();
});
afterEach(async () => {
  await harness?.close();
  harness = null;
  await s3.close();
});

describe('storage move arguments', () => {
  it('refuses a backend it does not know, or a missing one, before the engine sees the call', () => {
    for (const bad of [{ to: 'ftp' }, { to: 'S3' }, { to: '' }, { to: 5 }, { to: null }, {}, { to: ['s3'] }]) {
      expect(() => parseOperationInput('startStorageMove', bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'invalid_input', fields: { to: expect.any(String) } }),
      );
    }
    expect(parseOperationInput('startStorageMove', { to: 's3' })).toEqual({ to: 's3' });
  });

  it('refuses a move to the backend every document is already in', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    await harness.stagePdf();
    await expect(harness.engine.call('startStorageMove', { to: 'local' })).rejects.toMatchObject({
      code: 'wrong_state',
      message: expect.stringMatching(/already stored on this computer.*nothing to move/),
    });
    expect((await harness.engine.call('getStorageStatus', {})).move).toBeNull();
  });

  it('refuses a move to S3 when S3 is not set up, saying what to set', async () => {
    harness = await startEngine();
    await harness.stagePdf();
    await expect(harness.engine.call('startStorageMove', { to: 's3' })).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/S3_BUCKET/),
    });
    expect(documentRows(harness.dataDir).map((r) => r.backend)).toEqual(['local']);
  });

  it('refuses a second move while one runs, and a cancel when none runs', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const dataDir = harness.dataDir;
    for (let i = 0; i < 3; i++) await harness.stagePdf();
    await harness.close();
    harness = await startEngine({ env: s3Env(s3, 's3') }, dataDir);
    await expect(harness.engine.call('cancelStorageMove', {})).rejects.toMatchObject({
      code: 'wrong_state',
      message: expect.stringMatching(/No move is running/),
    });
    const moves = watchMoves(harness.engine);
    await harness.engine.call('startStorageMove', { to: 's3' });
    await expect(harness.engine.call('startStorageMove', { to: 's3' })).rejects.toMatchObject({
      code: 'wrong_state',
      message: expect.stringMatching(/already running/),
    });
    await expect(harness.engine.call('startStorageMove', { to: 'local' })).rejects.toMatchObject({ code: 'wrong_state' });
    expect(await moves.ended()).toMatchObject({ state: 'moved', done: 3 });
  });
});
