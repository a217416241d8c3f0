// Where a simulated call stands at a moment, computed from when it was accepted, so the
// answer is the same whether it is read by a timer, a status poll, or after a restart.
import type { ProviderFaxStatus } from '../types';
import type { SimulatedOutcome } from './numbers';

export interface SimulatedFax {
  id: string;
  idempotencyKey: string;
  to: string;
  pages: number;
  acceptedAt: number; // ms since epoch
  outcome: SimulatedOutcome;
}

export interface Pacing {
  dialMs: number;
  pageMs: number;
  /** After the last page, the far machine confirms it (T.30's MCF and the hang-up): the last page shows as sent first. */
  confirmMs: number;
  ringOutMs: number;
}

export function pacing(timeScale: number): Pacing {
  return { dialMs: 2000 * timeScale, pageMs: 700 * timeScale, confirmMs: 400 * timeScale, ringOutMs: 6000 * timeScale };
}

/** The moments at which the call's visible state changes, ending with its final state. */
export function milestones(fax: SimulatedFax, pace: Pacing): number[] {
  const start = fax.acceptedAt;
  switch (fax.outcome.kind) {
    case 'delivered': {
      const pagesDone = Array.from({ length: fax.pages }, (_, i) => start + pace.dialMs + (i + 1) * pace.pageMs);
      return [start + pace.dialMs / 4, ...pagesDone, pagesDone[pagesDone.length - 1] + pace.confirmMs];
    }
    case 'busy':
      return [start + pace.dialMs / 4, start + pace.dialMs];
    case 'no_answer':
      return [start + pace.dialMs / 4, start + pace.ringOutMs];
    case 'not_a_fax':
      return [start + pace.dialMs / 4, start + pace.dialMs * 1.5];
  }
}

export function statusAt(fax: SimulatedFax, now: number, pace: Pacing): ProviderFaxStatus {
  const base = { providerFaxId: fax.id, idempotencyKey: fax.idempotencyKey };
  const marks = milestones(fax, pace);
  const end = marks[marks.length - 1];
  if (now < marks[0]) return { ...base, state: 'queued' };
  if (now < end) {
    const pagesSent = fax.outcome.kind === 'delivered' ? marks.slice(1, -1).filter((t) => t <= now).length : 0;
    return { ...base, state: 'sending', pagesSent };
  }
  switch (fax.outcome.kind) {
    case 'delivered':
      return { ...base, state: 'delivered', pagesSent: fax.pages };
    case 'busy':
      return { ...base, state: 'failed', error: { code: 'line_busy', message: 'The line was busy.', retryable: true } };
    case 'no_answer':
      return {
        ...base,
        state: 'failed',
        error: { code: 'no_answer', message: 'Nobody answered: the fax machine did not pick up.', retryable: true },
      };
    case 'not_a_fax':
      return {
        ...base,
        state: 'failed',
        error: {
          code: 'not_a_fax_machine',
          message: 'A person or a voice line answered, not a fax machine. Check the number.',
          retryable: false,
        },
      };
  }
}
