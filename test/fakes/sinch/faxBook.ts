// The fake's faxes: accepted as QUEUED, then IN_PROGRESS, then COMPLETED or FAILURE as the
// test scripted for the number; FAX_COMPLETED posted to the fax's callbackUrl when final.
import { deliverCallback, type CallbackContentType, type CallbackPolicy, type CallbackRecord } from './callbacks';

export type ScriptedOutcome = { status: 'COMPLETED' } | { status: 'FAILURE'; errorType: string; errorCode: number; errorMessage: string };

export interface FakeFax {
  id: string;
  direction: 'OUTBOUND' | 'INBOUND';
  from: string;
  to: string;
  status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILURE';
  numberOfPages: number;
  pagesSentSuccessfully?: number;
  createTime: string;
  completedTime?: string;
  labels: Record<string, string>;
  headerText?: string;
  callbackUrl?: string;
  callbackUrlContentType: CallbackContentType;
  errorType?: string;
  errorCode?: number;
  errorMessage?: string;
  retryCount: number;
  maxRetries: number;
  projectId: string;
  serviceId: string;
  /** Not on the wire: the stored document. */
  pdf?: Uint8Array;
}

export const TEST_NUMBER = '+19898989898';
const SERVICE_ID = '01K1TTENC4TSJ0LLYJ1GGLYJU1Y';
const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const isoSeconds = (date = new Date()) => date.toISOString().replace(/\.\d+Z$/, 'Z');

let counter = 0;
function ulidLike(): string {
  counter += 1;
  let text = '01';
  for (let i = 0; i < 20; i++) text += ULID_ALPHABET[Math.floor(Math.random() * 32)];
  return text + ULID_ALPHABET[counter % 32] + ULID_ALPHABET[Math.floor(counter / 32) % 32];
}

/** The Fax object as Sinch shows it: callback credentials masked, internals left out. */
export function wireFax(fax: FakeFax): Record<string, unknown> {
  const { pdf, callbackUrl, ...rest } = fax;
  const shown: Record<string, unknown> = {
    ...rest,
    hasFile: pdf ? 'true' : 'false',
    headerPageNumbers: true,
    headerTimeZone: 'America/New_York',
    retryDelaySeconds: 60,
    imageConversionMethod: 'HALFTONE',
  };
  if (fax.status === 'COMPLETED') shown.price = { currencyCode: 'USD', amount: (0.07 * fax.numberOfPages).toFixed(4) };
  if (callbackUrl) {
    const masked = new URL(callbackUrl);
    if (masked.password) masked.password = '***';
    shown.callbackUrl = masked.toString();
  }
  for (const key of Object.keys(shown)) if (shown[key] === undefined) delete shown[key];
  return shown;
}

export class FaxBook {
  readonly faxes = new Map<string, FakeFax>();
  /** Per number, outcomes used in order; each lasts `remaining` sends (Infinity: for good). */
  readonly outcomes = new Map<string, { outcome: ScriptedOutcome; remaining: number }[]>();
  readonly callbackLog: CallbackRecord[] = [];
  dropCallbacks = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly projectId: string,
    private readonly stepMs: number,
    readonly policy: CallbackPolicy,
  ) {}

  accept(input: {
    to: string;
    from?: string;
    pdf?: Uint8Array;
    pages: number;
    labels: Record<string, string>;
    headerText?: string;
    callbackUrl?: string;
    callbackUrlContentType: CallbackContentType;
    documentBroken: boolean;
  }): FakeFax {
    const fax: FakeFax = {
      id: ulidLike(),
      direction: 'OUTBOUND',
      from: input.from ?? '+12014444444',
      to: input.to,
      status: 'QUEUED',
      numberOfPages: input.pages,
      createTime: isoSeconds(),
      labels: input.labels,
      headerText: input.headerText,
      callbackUrl: input.callbackUrl,
      callbackUrlContentType: input.callbackUrlContentType,
      retryCount: 0,
      maxRetries: 3,
      projectId: this.projectId,
      serviceId: SERVICE_ID,
      pdf: input.pdf,
    };
    this.faxes.set(fax.id, fax);
    const outcome: ScriptedOutcome = input.documentBroken
      ? { status: 'FAILURE', errorType: 'DOCUMENT_CONVERSION_ERROR', errorCode: 133, errorMessage: 'Failed to normalize PDF' }
      : input.to === TEST_NUMBER
        ? { status: 'COMPLETED' }
        : this.nextOutcome(input.to);
    this.later(() => {
      fax.status = 'IN_PROGRESS';
      this.later(() => this.finish(fax, outcome));
    });
    return fax;
  }

  private nextOutcome(to: string): ScriptedOutcome {
    const queue = this.outcomes.get(to) ?? [];
    const next = queue[0];
    if (!next) return { status: 'COMPLETED' };
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    return next.outcome;
  }

  addInbound(input: { from: string; to: string; pages: number; pdf: Uint8Array }): FakeFax {
    const now = isoSeconds();
    const fax: FakeFax = {
      id: ulidLike(),
      direction: 'INBOUND',
      from: input.from,
      to: input.to,
      status: 'COMPLETED',
      numberOfPages: input.pages,
      createTime: now,
      completedTime: now,
      labels: {},
      callbackUrlContentType: 'multipart/form-data',
      retryCount: 0,
      maxRetries: 0,
      projectId: this.projectId,
      serviceId: SERVICE_ID,
      pdf: input.pdf,
    };
    this.faxes.set(fax.id, fax);
    return fax;
  }

  private finish(fax: FakeFax, outcome: ScriptedOutcome): void {
    fax.completedTime = isoSeconds();
    if (outcome.status === 'COMPLETED') {
      fax.status = 'COMPLETED';
      fax.pagesSentSuccessfully = fax.numberOfPages;
    } else {
      Object.assign(fax, {
        status: 'FAILURE',
        errorType: outcome.errorType,
        errorCode: outcome.errorCode,
        errorMessage: outcome.errorMessage,
        pagesSentSuccessfully: 0,
        retryCount: fax.maxRetries,
      });
    }
    if (fax.callbackUrl && !this.dropCallbacks) {
      this.track(
        deliverCallback(
          { url: fax.callbackUrl, contentType: fax.callbackUrlContentType, event: 'FAX_COMPLETED', fax: wireFax(fax) },
          this.policy,
          this.callbackLog,
        ),
      );
    }
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  private later(run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, this.stepMs);
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.pending]);
  }
}
