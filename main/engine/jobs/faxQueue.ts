// Hands queued jobs to the active provider, a few at a time, and moves them on as the
// provider reports back. Crash safety rests on one rule: an attempt (with its idempotency
// key) is committed before the provider is called, so after a restart a job caught in
// `sending` is reconciled with the provider by that key — never blindly sent again.
import { FaxError, isFaxError, type FaxErrorInfo } from '../../../shared/errors';
import type { Logger } from '../log';
import type { ProviderFaxStatus, ProviderPlugin } from '../providers';
import { faultPoint } from '../faults';
import type { JobStore, TransitionChanges } from './jobStore';
import type { JobStatus } from '../../../shared/jobState';
import type { FaxJob } from '../../../shared/model';
import { retryDelayMs, type RetryPolicy } from './retryPolicy';
import { insideWindow, nextWindowOpening, type SendingWindow } from '../../../shared/schedule';

export interface StationIdentity {
  number: string;
  name: string;
  headerText: string;
}

/**
 * Which provider does what: new attempts go to the outbound one; everything about an attempt
 * already made (status, reconcile, callbacks) goes to the provider that attempt was handed to,
 * so a fax sending when the outbound plugin is swapped finishes where it started.
 */
export interface ProviderRoster {
  outbound(): ProviderPlugin;
  /** The running provider with this id, or null when it is not running (not configured any more). */
  byId(providerId: string): ProviderPlugin | null;
  /** An attempt of this provider ended: a swapped-out provider may now be stopped. */
  attemptEnded?(providerId: string): void;
}

export interface FaxQueueOptions {
  store: JobStore;
  /** The PDF a job sends (its document, with that recipient's cover page when its send has one). */
  readDocument: (jobId: string) => Promise<Uint8Array>;
  /** What the queue takes as now (schedules, retries, the sending window); the system clock by default. */
  clock?: () => Date;
  /** The sending window when it is on, on the wall clock of `timeZone`; null when off. */
  sendingWindow?: () => { window: SendingWindow; timeZone: string } | null;
  /**
   * The longest the queue trusts one timer: it looks at the clock again at least this often,
   * so a wall clock set forward or back is followed (default 10 s).
   */
  recheckMs?: number;
  /** One fixed provider, or a roster that can change at runtime (the engine's ProviderSet). */
  provider: ProviderPlugin | ProviderRoster;
  concurrency: () => number;
  station: () => StationIdentity;
  retry: RetryPolicy;
  /**
   * How often a job in `sending` is checked with the provider, in case an event was lost,
   * when the provider does not say (ProviderPlugin.statusPollMs).
   */
  statusPollMs: number;
  /** FAXBOT_STATUS_POLL_MS: one interval for every provider, when set (tests, troubleshooting). */
  statusPollOverrideMs?: number;
  /** Whether provider webhooks can reach us (a public URL is set): providers then poll less. */
  webhooksReachable?: () => boolean;
  logger: Logger;
  onJobChanged: (jobId: string) => void;
  /**
   * Called inside the transaction that moves a job to delivered or failed, with the job as it
   * now is: the engine writes the job's audit entry there, so the two commit together. A throw
   * undoes the move, which is logged and tried again by the next report or poll.
   */
  recordFinished?: (job: FaxJob) => void;
}

export class FaxQueue {
  private pumpTimer: NodeJS.Timeout | null = null;
  private dueTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  /** Jobs whose attempt is being handed to the provider right now: never polled or reconciled meanwhile. */
  private readonly handingOver = new Set<string>();
  /** Per job in `sending`: when to check it next, and the current (growing) interval. */
  private readonly pollPlan = new Map<string, { nextAt: number; intervalMs: number; lastSeen: string }>();
  private stopped = false;

  private readonly roster: ProviderRoster;

  constructor(private readonly options: FaxQueueOptions) {
    const given = options.provider;
    this.roster = 'outbound' in given && typeof given.outbound === 'function' ? given : fixedRoster(given as ProviderPlugin);
  }

  /** The provider an attempt was handed to; an error in words when it is not running. */
  private providerOf(providerId: string): ProviderPlugin {
    const provider = this.roster.byId(providerId);
    if (!provider)
      throw new FaxError(
        'provider_unavailable',
        `This fax was handed to the ${providerId} provider, which is not set up any more: choose it again in Settings → Plugins so Faxbot can learn how the fax ended.`,
      );
    return provider;
  }

  /** Reconcile what a previous run left unfinished, then start sending. */
  async start(): Promise<void> {
    const { store, logger } = this.options;
    for (const id of store.inStatus(['preparing'])) {
      // Nothing reached the provider from `preparing`: it simply waits for its turn again.
      if (store.transition(id, ['preparing'], 'queued')) this.changed(id);
    }
    for (const id of store.inStatus(['sending'])) {
      await this.reconcile(id).catch((error) => logger.warn('could not reconcile a job with the provider yet', { jobId: id, error }));
    }
    this.armPollTimer();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.pumpTimer, this.dueTimer]) if (timer) clearTimeout(timer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Something changed (a new job, a finished one): see what can be sent now. */
  wake(): void {
    if (this.stopped || this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, 0);
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private pump(): void {
    const { store } = this.options;
    const at = this.now();
    this.applyWindow(at);
    const busy = store.inStatus(['preparing', 'sending']).length;
    const free = this.options.concurrency() - busy;
    if (free > 0) for (const id of store.due(free, at.toISOString())) this.track(this.runJob(id));
    this.armDueTimer(at);
  }

  /** Outside the sending window, broadcasts and retries are held until it opens; inside, early holds are let go. */
  private applyWindow(at: Date): void {
    const sending = this.options.sendingWindow?.();
    if (!sending) return;
    const { store } = this.options;
    const moved = insideWindow(at.getTime(), sending.window, sending.timeZone)
      ? store.releaseWindowHolds(at.toISOString())
      : store.holdForWindow(new Date(nextWindowOpening(at.getTime(), sending.window, sending.timeZone)).toISOString(), at.toISOString());
    for (const id of moved) this.changed(id);
  }

  /** The sending window was turned on, off or changed: every hold is let go and judged again. */
  windowChanged(): void {
    for (const id of this.options.store.releaseWindowHolds()) this.changed(id);
    this.wake();
  }

  // Never one long timer: the clock is read again at least every recheckMs, so a schedule is
  // kept when the wall clock jumps (by hand, by NTP) as well as across restarts.
  private armDueTimer(at: Date): void {
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimer = null;
    if (this.stopped) return;
    const recheckMs = this.options.recheckMs ?? 10_000;
    const next = this.options.store.nextDueTime(at.toISOString());
    // Jobs already due wait for a free line (a finished job wakes the queue); looked at again meanwhile all the same.
    if (!next && this.options.store.due(1, at.toISOString()).length === 0) return;
    const delay = next ? Math.max(0, Math.min(Date.parse(next) - at.getTime(), recheckMs)) : recheckMs;
    this.dueTimer = setTimeout(() => {
      this.dueTimer = null;
      this.wake();
    }, delay + 5);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async runJob(id: string): Promise<void> {
    const { store, logger } = this.options;
    if (!store.transition(id, ['queued'], 'preparing')) return;
    this.changed(id);
    let pdf: Uint8Array;
    try {
      pdf = await this.options.readDocument(id);
    } catch (error) {
      const info = isFaxError(error)
        ? error.toInfo()
        : { code: 'storage_error' as const, message: 'The document of this fax could not be read.' };
      if (this.move(id, ['preparing'], 'failed', { lastError: info })) this.changed(id);
      this.wake();
      return;
    }
    const job = store.get(id);
    if (!job || job.status !== 'preparing') return;
    const number = job.attempts + 1;
    const idempotencyKey = `${id}.${number}`;
    // Chosen once per attempt: a swap after this point does not move the attempt.
    const provider = this.roster.outbound();
    const began = store.transaction(() => {
      store.startAttempt(id, number, idempotencyKey, provider.id);
      return store.transition(id, ['preparing'], 'sending', { attempts: number, pagesSent: 0, nextAttemptAt: null, providerFaxId: null });
    });
    if (!began) return;
    this.changed(id);
    faultPoint('attempt-committed');
    logger.info('sending fax', { jobId: id, attempt: number, to: job.to, pages: job.pages });
    await this.handOver(id, number, idempotencyKey, pdf, provider);
  }

  /** Give one attempt to the provider; it is idempotent by key, so a resumed attempt is safe. */
  private async handOver(id: string, attempt: number, idempotencyKey: string, pdf: Uint8Array, provider: ProviderPlugin): Promise<void> {
    const { store } = this.options;
    const job = store.get(id);
    if (!job || this.handingOver.has(id)) return;
    this.handingOver.add(id);
    try {
      const { providerFaxId } = await provider.send({
        idempotencyKey,
        jobId: id,
        to: job.to,
        pdf,
        pages: job.pages,
        from: this.options.station(),
      });
      faultPoint('provider-accepted');
      store.setProviderFaxId(id, attempt, providerFaxId);
      faultPoint('provider-id-committed');
      this.changed(id);
    } catch (error) {
      const info = toFailure(error);
      if (info.code === 'outcome_unknown') {
        // The provider may or may not have the fax: ask it by key later, never resend blindly.
        this.options.logger.warn('provider outcome unknown; will reconcile', { jobId: id });
        setTimeout(() => void this.reconcile(id).catch(() => undefined), Math.min(this.options.retry.baseMs, 30_000)).unref?.();
        return;
      }
      this.finishAttempt(id, attempt, { state: 'failed', error: info });
    } finally {
      this.handingOver.delete(id);
    }
  }

  /** A job found in `sending` after a restart (or an unknown outcome): ask the provider. */
  private async reconcile(id: string): Promise<void> {
    const { store } = this.options;
    const attempt = store.currentAttempt(id);
    if (!attempt) {
      if (store.transition(id, ['sending'], 'queued')) this.changed(id);
      return;
    }
    const provider = this.providerOf(attempt.provider);
    const status = attempt.providerFaxId ? await provider.getStatus(attempt.providerFaxId) : await provider.lookup(attempt.idempotencyKey);
    if (status) {
      if (!attempt.providerFaxId) store.setProviderFaxId(id, attempt.number, status.providerFaxId);
      this.applyStatus(id, attempt.number, status);
      return;
    }
    // The provider never saw this attempt: hand it over again under the same key.
    const pdf = await this.options.readDocument(id);
    await this.handOver(id, attempt.number, attempt.idempotencyKey, pdf, provider);
  }

  /** The provider's own poll interval (shorter when webhooks cannot reach us), or the default. */
  private basePollMs(provider: ProviderPlugin | null = this.roster.outbound()): number {
    if (this.options.statusPollOverrideMs) return this.options.statusPollOverrideMs;
    const reachable = this.options.webhooksReachable?.() ?? false;
    return provider?.statusPollMs?.(reachable) ?? this.options.statusPollMs;
  }

  private armPollTimer(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(
      () => {
        void this.pollSending().finally(() => this.armPollTimer());
      },
      Math.min(this.basePollMs(), 5_000),
    );
    this.pollTimer.unref?.();
  }

  /**
   * Checks jobs in `sending` with the provider, each on its own schedule: from the provider's
   * interval, growing 1.5× while nothing changes (up to 6×), back to the start on any change.
   * An attempt with no provider fax id (an unknown outcome, or a crash) is reconciled by key.
   */
  private async pollSending(): Promise<void> {
    const { store, logger } = this.options;
    const now = Date.now();
    const sending = new Set(store.inStatus(['sending']));
    for (const id of this.pollPlan.keys()) if (!sending.has(id)) this.pollPlan.delete(id);
    for (const id of sending) {
      if (this.handingOver.has(id) || this.stopped) continue;
      const plan = this.pollPlan.get(id);
      // Jobs not yet due cost nothing: the attempt is read only for those checked now.
      if (plan && now < plan.nextAt) continue;
      const attempt = store.currentAttempt(id);
      // Each job on the schedule of the provider its attempt went to.
      const base = this.basePollMs(attempt ? this.roster.byId(attempt.provider) : null);
      if (!plan) {
        this.pollPlan.set(id, { nextAt: now + base, intervalMs: base, lastSeen: '' });
        continue;
      }
      try {
        if (attempt?.providerFaxId)
          this.applyStatus(id, attempt.number, await this.providerOf(attempt.provider).getStatus(attempt.providerFaxId));
        else await this.reconcile(id);
      } catch (error) {
        logger.debug('status check failed; will try again', { jobId: id, error });
      }
      const after = store.get(id);
      const seen = `${after?.status ?? ''}:${after?.pagesSent ?? ''}`;
      const intervalMs = seen === plan.lastSeen ? Math.min(plan.intervalMs * 1.5, base * 6) : base;
      this.pollPlan.set(id, { nextAt: Date.now() + intervalMs, intervalMs, lastSeen: seen });
    }
  }

  /**
   * A status report from a provider (event or poll). Late and duplicate reports change nothing,
   * nor does a report from a provider other than the one the attempt went to.
   *
   * The provider's fax id, recorded when the provider accepted the attempt, decides which
   * attempt a report is about; our tag (the idempotency key the provider echoes) is only the
   * fallback while no id is recorded yet (a callback racing the accept, or a crash before the
   * id was committed). A tag that disagrees with a recorded id is logged and ignored, so a fax
   * carrying another job's tag can never move that job.
   */
  handleProviderStatus(status: ProviderFaxStatus, providerId: string = this.roster.outbound().id): void {
    const { store, logger } = this.options;
    const byId = store.findByProviderFaxId(providerId, status.providerFaxId);
    const byKey = status.idempotencyKey ? store.findByIdempotencyKey(status.idempotencyKey) : null;
    let target = byId;
    if (byId && byKey && (byKey.jobId !== byId.jobId || byKey.number !== byId.number)) {
      logger.warn('a provider report carries the tag of another attempt than its fax id; the tag is ignored', {
        providerId,
        jobId: byId.jobId,
        taggedJobId: byKey.jobId,
      });
    }
    if (!target && byKey) {
      const tagged = store.attempt(byKey.jobId, byKey.number);
      if (tagged?.providerFaxId && tagged.providerFaxId !== status.providerFaxId) {
        logger.warn('a provider report for another fax carries the tag of a job; ignored', { providerId, jobId: byKey.jobId });
        return;
      }
      target = byKey;
    }
    if (!target) return;
    const current = store.currentAttempt(target.jobId);
    if (!current || current.provider !== providerId) return;
    if (target.number !== current.number) return; // a report about an earlier attempt
    if (!current.providerFaxId) store.setProviderFaxId(target.jobId, current.number, status.providerFaxId);
    this.applyStatus(target.jobId, current.number, status);
  }

  private applyStatus(id: string, attempt: number, status: ProviderFaxStatus): void {
    if (status.state === 'queued') return;
    if (status.state === 'sending') {
      if (status.pagesSent !== undefined && this.options.store.updateProgress(id, status.pagesSent)) this.changed(id);
      return;
    }
    faultPoint('provider-final-event');
    this.finishAttempt(id, attempt, { state: status.state, error: status.error, pagesSent: status.pagesSent });
  }

  private finishAttempt(
    id: string,
    attempt: number,
    result: { state: 'delivered' | 'failed'; error?: FaxErrorInfo; pagesSent?: number },
  ): void {
    const { store } = this.options;
    const job = store.get(id);
    if (!job || job.status !== 'sending') return;
    let moved: boolean;
    if (result.state === 'delivered') {
      moved = this.move(id, ['sending'], 'delivered', { pagesSent: job.pages, lastError: null }, () =>
        store.endAttempt(id, attempt, 'delivered', null),
      );
      if (moved) this.options.logger.info('fax delivered', { jobId: id, to: job.to, pages: job.pages });
    } else {
      const error = result.error ?? { code: 'provider_error', message: 'The provider reported a failure without a reason.' };
      const retry = error.retryable === true && job.attempts < job.maxAttempts;
      const endAttempt = () => store.endAttempt(id, attempt, retry ? 'retry' : 'failed', error);
      if (retry) {
        // A provider's Retry-After (rate limiting) is honoured when it asks for longer.
        const delay = Math.max(retryDelayMs(this.options.retry, job.attempts), error.retryAfterMs ?? 0);
        const nextAttemptAt = new Date(this.now().getTime() + delay).toISOString();
        moved = this.move(id, ['sending'], 'queued', { nextAttemptAt, lastError: error, pagesSent: null }, endAttempt);
      } else {
        const final = error.retryable
          ? { ...error, message: `Gave up after ${job.attempts} attempts: ${lowerFirst(error.message)}` }
          : error;
        moved = this.move(id, ['sending'], 'failed', { lastError: final }, endAttempt);
      }
      if (moved) this.options.logger.info(retry ? 'fax attempt failed; will retry' : 'fax failed', { jobId: id, code: error.code });
    }
    if (moved) {
      if (result.state === 'delivered' || store.get(id)?.status === 'failed') faultPoint('job-finished-committed');
      this.changed(id);
      const ended = store.currentAttempt(id);
      if (ended) this.roster.attemptEnded?.(ended.provider);
      this.wake();
    }
  }

  /**
   * One status move as one SQLite transaction: the attempt's end (when given), the move, and —
   * for a job that finished — its audit entry (FaxQueueOptions.recordFinished). A kill at any
   * point leaves all of it or none. False, with nothing changed, when the job was not in `from`.
   */
  private move(id: string, from: JobStatus[], to: JobStatus, changes: TransitionChanges, alongside?: () => void): boolean {
    const { store } = this.options;
    try {
      return store.transaction(() => {
        alongside?.();
        if (!store.transition(id, from, to, changes)) throw NOT_MOVED;
        if (to === 'delivered' || to === 'failed') this.options.recordFinished?.(store.get(id)!);
        return true;
      });
    } catch (error) {
      if (error !== NOT_MOVED)
        this.options.logger.error('a fax status change could not be saved; it will be tried again', { jobId: id, to, error });
      return false;
    }
  }

  private changed(id: string): void {
    this.options.onJobChanged(id);
  }
}

// Undoes a move's transaction when the job was no longer where the move expected it.
const NOT_MOVED = new Error('the job was not in the expected status');

function fixedRoster(provider: ProviderPlugin): ProviderRoster {
  return { outbound: () => provider, byId: (providerId) => (providerId === provider.id ? provider : null) };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function toFailure(error: unknown): FaxErrorInfo & { retryable: boolean } {
  if (error instanceof FaxError) return { ...error.toInfo(), retryable: error.retryable };
  return {
    code: 'provider_error',
    message: `The provider could not take the fax: ${(error as Error)?.message ?? String(error)}`,
    retryable: true,
  };
}
