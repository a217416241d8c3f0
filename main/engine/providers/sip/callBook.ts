// The calls in flight and what their AMI events say (contract §7.3–§7.4). A call ends on
// whichever terminal signal comes first — the dialplan's FaxbotResult, an OriginateResponse
// Failure, or a Hangup with no result after a short grace — and ends once.
import type { Logger } from '../../log';
import type { AmiPacket } from '../../ami';
import type { ProviderFaxStatus } from '../types';
import { attemptOf, faxResult, noFaxResult, toInt, unansweredResult, type CallResult } from './callResult';

export const CHANNEL_PREFIX = 'faxbot-';

export interface TrackedCall {
  key: string;
  channelId: string;
  answered: boolean;
  pagesSent: number;
  /** OriginateResponse Reason 0 waits for the Hangup's cause to tell a wrong number (§5.3). */
  unansweredReason?: number;
  hangupCause?: number;
  final?: ProviderFaxStatus;
  timers: NodeJS.Timeout[];
}

export interface CallBookOptions {
  /** Every change of a call, final or not, goes to the engine through this. */
  report(status: ProviderFaxStatus): void;
  /** How long to wait for the other terminal signal before deciding (§7.3 ordering). */
  graceMs: number;
  /** A call that outlived its deadline: the provider checks AstDB, then ends it. */
  overdue(call: TrackedCall): void;
  logger: Logger;
}

export function channelIdFor(key: string): string {
  return `${CHANNEL_PREFIX}${key}`;
}

/** The Originate's ActionID: OriginateResponse repeats it even when it has no Uniqueid (§5.3). */
export function originateActionId(key: string): string {
  return `${CHANNEL_PREFIX}originate-${key}`;
}
const ORIGINATE_PREFIX = originateActionId('');

export class CallBook {
  private readonly calls = new Map<string, TrackedCall>();

  constructor(private readonly options: CallBookOptions) {}

  track(key: string, deadlineMs: number): TrackedCall {
    const existing = this.calls.get(key);
    if (existing) return existing;
    const call: TrackedCall = { key, channelId: channelIdFor(key), answered: false, pagesSent: 0, timers: [] };
    this.calls.set(key, call);
    this.later(call, deadlineMs, () => this.options.overdue(call));
    return call;
  }

  get(key: string): TrackedCall | undefined {
    return this.calls.get(key);
  }

  forget(key: string): void {
    const call = this.calls.get(key);
    if (call) call.timers.forEach(clearTimeout);
    this.calls.delete(key);
  }

  unfinished(): TrackedCall[] {
    return [...this.calls.values()].filter((c) => !c.final);
  }

  status(call: TrackedCall): ProviderFaxStatus {
    return call.final ?? { providerFaxId: call.channelId, idempotencyKey: call.key, state: 'sending', pagesSent: call.pagesSent };
  }

  clear(): void {
    for (const call of this.calls.values()) call.timers.forEach(clearTimeout);
    this.calls.clear();
  }

  /** Ends a call once; later signals about it change nothing. */
  finish(call: TrackedCall, result: CallResult): void {
    if (call.final) return;
    call.timers.forEach(clearTimeout);
    call.timers = [];
    call.final =
      result.state === 'delivered'
        ? { providerFaxId: call.channelId, idempotencyKey: call.key, state: 'delivered', pagesSent: result.pages }
        : { providerFaxId: call.channelId, idempotencyKey: call.key, state: 'failed', pagesSent: call.pagesSent, error: result.error };
    this.options.logger.info('fax call ended', { key: call.key, state: call.final.state, code: call.final.error?.code });
    this.options.report(call.final);
    // Kept a while for status checks, then dropped so the book does not grow without end.
    const keep = setTimeout(() => this.calls.get(call.key) === call && this.calls.delete(call.key), 10 * 60_000);
    keep.unref?.();
  }

  handleEvent(event: AmiPacket): void {
    const name = event.name;
    if (name === 'UserEvent' && event.get('UserEvent') === 'FaxbotResult') {
      // JobID is ours (FAXBOT_JOB); Uniqueid is the fallback if the dialplan was edited.
      const call = this.calls.get(event.get('JobID') ?? '') ?? this.byChannel(event.get('Uniqueid'));
      if (!call) return;
      const result = faxResult(
        (event.get('Status') ?? '').trim(),
        (event.get('Error') ?? '').trim(),
        toInt(event.get('Pages')) ?? 0,
        toInt(event.get('Cause')),
        event.get('StatusString') ?? '',
      );
      this.finish(call, result);
      return;
    }
    const actionId = name === 'OriginateResponse' ? event.get('ActionID') : undefined;
    const call =
      this.byChannel(event.get('Uniqueid')) ??
      (actionId?.startsWith(ORIGINATE_PREFIX) ? this.calls.get(actionId.slice(ORIGINATE_PREFIX.length)) : undefined);
    if (!call || call.final) return;
    switch (name) {
      case 'OriginateResponse': {
        if (event.get('Response')?.toLowerCase() === 'success') {
          call.answered = true;
          this.options.report(this.status(call));
          return;
        }
        const reason = toInt(event.get('Reason')) ?? 0;
        if (reason === 0 && call.hangupCause === undefined) {
          call.unansweredReason = reason;
          this.later(call, this.options.graceMs, () => this.finish(call, unansweredResult(reason, call.hangupCause, attemptOf(call.key))));
          return;
        }
        this.finish(call, unansweredResult(reason, call.hangupCause, attemptOf(call.key)));
        return;
      }
      case 'SendFAX':
      case 'FAXStatus': {
        const pages = toInt(event.get('PagesTransferred'));
        if (pages !== undefined && pages > call.pagesSent) call.pagesSent = pages;
        call.answered = true;
        this.options.report(this.status(call));
        return;
      }
      case 'Hangup': {
        call.hangupCause = toInt(event.get('Cause'));
        if (call.unansweredReason !== undefined)
          return this.finish(call, unansweredResult(call.unansweredReason, call.hangupCause, attemptOf(call.key)));
        // The FaxbotResult (answered) or OriginateResponse (not answered) normally follows or preceded.
        this.later(call, this.options.graceMs, () => {
          const cause = call.hangupCause;
          if (!call.answered) return this.finish(call, unansweredResult(0, cause, attemptOf(call.key)));
          this.finish(call, noFaxResult(cause));
        });
        return;
      }
      default:
    }
  }

  private byChannel(uniqueid: string | undefined): TrackedCall | undefined {
    if (!uniqueid?.startsWith(CHANNEL_PREFIX)) return undefined;
    return this.calls.get(uniqueid.slice(CHANNEL_PREFIX.length));
  }

  private later(call: TrackedCall, ms: number, run: () => void): void {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    call.timers.push(timer);
  }
}
