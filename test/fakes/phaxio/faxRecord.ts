// The fake's faxes, serialised as Phaxio's v2.1 Fax object (contract §4, shape of §2.2), and
// the scripted outcomes keyed by destination number (§9).
import { PDFDocument } from 'pdf-lib';

export interface ScriptedFailure {
  errorType: string;
  errorId: number;
  errorMessage: string;
}
/** 'success' or a failure; a number with a list plays one entry per send, the last repeating. */
export type ScriptedOutcome = 'success' | ScriptedFailure;

export const PHAXIO_FAKE_NUMBERS = {
  /** lineError 17 Busy on the first send, delivered on the next. */
  busyOnce: '+12025550117',
  /** lineError 17 Busy every time. */
  busy: '+12025550217',
  /** documentConversionError 129: never retryable. */
  documentError: '+12025550129',
  /** lineError 30 No answer every time. */
  noAnswer: '+12025550130',
} as const;

export const BUSY: ScriptedFailure = { errorType: 'lineError', errorId: 17, errorMessage: 'Busy' };
export const NO_ANSWER: ScriptedFailure = { errorType: 'lineError', errorId: 30, errorMessage: 'No answer' };
export const MIMETYPE_NOT_SUPPORTED: ScriptedFailure = {
  errorType: 'documentConversionError',
  errorId: 129,
  errorMessage: 'Mimetype not supported',
};

export function defaultScripts(): Map<string, ScriptedOutcome[]> {
  return new Map<string, ScriptedOutcome[]>([
    [PHAXIO_FAKE_NUMBERS.busyOnce, [BUSY, 'success']],
    [PHAXIO_FAKE_NUMBERS.busy, [BUSY]],
    [PHAXIO_FAKE_NUMBERS.documentError, [MIMETYPE_NOT_SUPPORTED]],
    [PHAXIO_FAKE_NUMBERS.noAnswer, [NO_ANSWER]],
  ]);
}

/** `test_fail` (test credentials) simulates a failure of that error type (§2.1). */
export function testFailure(errorType: string): ScriptedFailure {
  if (errorType === 'documentConversionError') return { errorType, errorId: 122, errorMessage: 'Simulated document conversion error' };
  if (errorType === 'lineError') return { errorType, errorId: 121, errorMessage: 'Simulated line error' };
  return { errorType, errorId: 0, errorMessage: `Simulated ${errorType}` };
}

export interface FakeFax {
  id: number;
  direction: 'sent' | 'received';
  status: 'queued' | 'inprogress' | 'success' | 'failure';
  to: string;
  from: string | null;
  callerId: string | null;
  headerText: string | null;
  callbackUrl: string | null;
  tags: Record<string, string>;
  pages: number;
  pdf: Buffer;
  createdAt: Date;
  completedAt: Date | null;
  outcome: ScriptedOutcome;
  retryCount: number;
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString().replace('Z', '+00:00') : null;
}

export function faxJson(fax: FakeFax): Record<string, unknown> {
  const failed = fax.status === 'failure' && fax.outcome !== 'success' ? fax.outcome : null;
  const done = fax.status === 'success' || fax.status === 'failure';
  const sent = fax.direction === 'sent';
  return {
    id: fax.id,
    direction: fax.direction,
    num_pages: fax.status === 'queued' && sent ? 0 : fax.pages,
    status: fax.status,
    is_test: true,
    created_at: iso(fax.createdAt),
    caller_id: sent ? fax.callerId : null,
    from_number: sent ? null : fax.from,
    completed_at: iso(fax.completedAt),
    caller_name: null,
    cost: done ? 7 * fax.pages : 0,
    tags: fax.tags,
    recipients: sent
      ? [
          {
            phone_number: fax.to,
            status: fax.status === 'queued' ? null : fax.status,
            retry_count: fax.retryCount,
            completed_at: iso(fax.completedAt),
            bitrate: done ? 14400 : null,
            resolution: done ? 8040 : null,
            error_type: failed?.errorType ?? null,
            error_id: failed?.errorId ?? null,
            error_message: failed?.errorMessage ?? null,
          },
        ]
      : [],
    to_number: sent ? null : fax.to,
    error_id: failed?.errorId ?? null,
    error_type: failed?.errorType ?? null,
    error_message: failed?.errorMessage ?? null,
    barcodes: [],
  };
}

/** Pages of a PDF as Phaxio would render it; a PDF the fake cannot read counts as one page. */
export async function countPages(pdf: Buffer): Promise<number> {
  try {
    return (await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false })).getPageCount();
  } catch {
    return 1;
  }
}
