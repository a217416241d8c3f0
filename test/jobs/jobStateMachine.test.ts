import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/engine/database';
import { JOB_STATUSES, canTransition, isFinalStatus } from '../../shared/jobState';
import { queueFor, storeWithOneJob as freshStore, testProvider } from './oneJobQueue';

describe('the job state machine', () => {
  it('never leaves a final state', () => {
    for (const from of JOB_STATUSES.filter(isFinalStatus)) {
      for (const to of JOB_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('refuses illegal moves in the database, changing nothing', () => {
    const { store } = freshStore();
    expect(store.transition('job', ['queued'], 'delivered')).toBe(false);
    expect(store.get('job')!.status).toBe('queued');
    expect(store.transition('job', ['queued'], 'preparing')).toBe(true);
    expect(store.transition('job', ['preparing'], 'sending', { attempts: 1 })).toBe(true);
    expect(store.transition('job', ['sending'], 'delivered')).toBe(true);
    for (const to of JOB_STATUSES) expect(store.transition('job', ['delivered'], to)).toBe(false);
    // Claiming the wrong current state is refused too: two writers can't both win.
    expect(store.transition('job', ['sending'], 'failed')).toBe(false);
    const job = store.get('job')!;
    expect(job.status).toBe('delivered');
    expect(job.completedAt).not.toBeNull();
  });

  it('ignores a late or duplicate provider event for a finished job', async () => {
    const { store } = freshStore();
    const changes: string[] = [];
    const queue = queueFor(store, testProvider(), { onJobChanged: (id) => changes.push(store.get(id)!.status) });
    await queue.start();
    await expect.poll(() => store.get('job')!.providerFaxId).toBe('p1');
    queue.handleProviderStatus({ providerFaxId: 'p1', state: 'delivered', pagesSent: 1 });
    expect(store.get('job')!.status).toBe('delivered');
    const count = changes.length;
    queue.handleProviderStatus({ providerFaxId: 'p1', state: 'failed', error: { code: 'line_busy', message: 'busy', retryable: true } });
    queue.handleProviderStatus({ providerFaxId: 'p1', state: 'delivered' });
    queue.handleProviderStatus({ providerFaxId: 'p1', state: 'sending', pagesSent: 0 });
    queue.handleProviderStatus({
      providerFaxId: 'unknown',
      state: 'failed',
      error: { code: 'line_busy', message: 'busy', retryable: true },
    });
    const job = store.get('job')!;
    expect(job.status).toBe('delivered');
    expect(job.lastError).toBeNull();
    expect(job.history.map((a) => a.outcome)).toEqual(['delivered']);
    expect(changes.length).toBe(count);
    await queue.stop();
  });

  it('runs migrations once and refuses a data folder from a newer version', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-jobs-'));
    const first = openDatabase({ dataDir });
    const version = first.pragma('user_version', { simple: true }) as number;
    expect(version).toBeGreaterThan(0);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    first.pragma(`user_version = ${version + 5}`);
    first.close();
    expect(() => openDatabase({ dataDir })).toThrow(/newer Faxbot/);
  });
});
