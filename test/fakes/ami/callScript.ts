// What happens to an originated call, per contract §5.3, §7 and §8: scripted by destination.
import type { Headers } from './wire';

export type CallOutcome =
  | { kind: 'success'; pages?: number }
  /** Answered, SendFAX ran and failed with this FAXERROR (e.g. T38_NEG_ERROR or a spandsp text). */
  | { kind: 'fax_failed'; error: string; statusString?: string; pages?: number }
  | { kind: 'busy' }
  | { kind: 'no_answer' }
  | { kind: 'congestion' }
  | { kind: 'unallocated' }
  /** A person answered: the dialplan ran but SendFAX never set FAXSTATUS. */
  | { kind: 'human' }
  /** Answered and then nothing: no result ever (for the per-call timeout). */
  | { kind: 'stuck' };

/** Reason and cause for calls never answered (§5.3 table, §7.3 causes). */
export const UNANSWERED: Record<'busy' | 'no_answer' | 'congestion' | 'unallocated', { reason: number; cause: number; text: string }> = {
  busy: { reason: 5, cause: 17, text: 'User busy' },
  no_answer: { reason: 3, cause: 19, text: 'User alerting, no answer' },
  congestion: { reason: 8, cause: 34, text: 'Circuit/channel congestion' },
  unallocated: { reason: 0, cause: 1, text: 'Unallocated (unassigned) number' },
};

export interface FaxVariables {
  status: string;
  error: string;
  statusString: string;
  pages: string;
  bitrate: string;
  resolution: string;
  remoteStationId: string;
}

export function faxVariables(outcome: CallOutcome): FaxVariables {
  switch (outcome.kind) {
    case 'success':
      return {
        status: 'SUCCESS',
        error: '',
        statusString: 'OK',
        pages: String(outcome.pages ?? 1),
        bitrate: '14400',
        resolution: '8040x7700',
        remoteStationId: '5558675309',
      };
    case 'fax_failed':
      return {
        status: 'FAILED',
        error: outcome.error,
        statusString: outcome.statusString ?? outcome.error,
        pages: String(outcome.pages ?? 0),
        bitrate: '9600',
        resolution: '',
        remoteStationId: '5558675309',
      };
    default:
      return { status: '', error: '', statusString: '', pages: '', bitrate: '', resolution: '', remoteStationId: '' };
  }
}

/** The dialplan's UserEvent body (§6 faxbot-send-result), after the channel snapshot. */
export function faxbotResultBody(job: string, v: FaxVariables, cause: number): Headers {
  return [
    ['UserEvent', 'FaxbotResult'],
    ['JobID', job],
    ['Status', v.status],
    ['Error', v.error],
    ['StatusString', v.statusString],
    ['Pages', v.pages],
    ['Bitrate', v.bitrate],
    ['Resolution', v.resolution],
    ['RemoteStationID', v.remoteStationId],
    ['Cause', String(cause)],
  ];
}
