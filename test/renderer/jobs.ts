// A FaxJob as the engine would report it, for the pure tests of chips and store ordering.
import type { FaxJob } from '../../shared/model';

export function job(overrides: Partial<FaxJob> = {}): FaxJob {
  return {
    id: 'job-1',
    to: '+12025550143',
    recipientName: 'Dr. Amy Lee',
    pages: 5,
    status: 'queued',
    pagesSent: null,
    attempts: 0,
    maxAttempts: 3,
    nextAttemptAt: null,
    lastError: null,
    provider: 'simulator',
    providerFaxId: null,
    fileNames: ['referral.pdf'],
    coverPage: false,
    createdAt: '2026-03-03T14:00:00.000Z',
    updatedAt: '2026-03-03T14:00:00.000Z',
    completedAt: null,
    history: [],
    sendId: null,
    sendAt: null,
    ...overrides,
  };
}
