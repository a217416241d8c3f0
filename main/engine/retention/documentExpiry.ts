// What every place that opens a fax's document says when retention deleted it: the same
// sentence (date and days) for the Inbox, the Outbox, resend, forward and the REST API.
import { FaxError } from '../../../shared/errors';
import { documentExpiredMessage, type DocumentExpiry } from '../../../shared/model';

/** Columns a list query adds to read a row's expiry with it (one primary-key lookup each). */
export function expirySelect(table: string): string {
  return `(SELECT expired_at FROM documents WHERE id = ${table}.document_id) AS document_expired_at,
          (SELECT expired_after_days FROM documents WHERE id = ${table}.document_id) AS document_retention_days`;
}

export interface ExpiryColumns {
  document_expired_at?: string | null;
  document_retention_days?: number | null;
}

export function expiryOf(row: ExpiryColumns): DocumentExpiry | undefined {
  return row.document_expired_at && row.document_retention_days
    ? { at: row.document_expired_at, retentionDays: row.document_retention_days }
    : undefined;
}

/** A 404 with the reason, never a generic "not found". */
export function documentExpiredError(expiry: DocumentExpiry): FaxError {
  return new FaxError('not_found', documentExpiredMessage(expiry));
}

/** Throws the expiry error when the row's document was deleted under retention. */
export function requireDocumentKept(row: { documentExpired?: DocumentExpiry }): void {
  if (row.documentExpired) throw documentExpiredError(row.documentExpired);
}
