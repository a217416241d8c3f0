// Opaque paging cursors: the position after the last item of a page (newest-first lists).
import { FaxError } from '../../shared/errors';

export interface Position {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: Position | null): string | null {
  return position ? Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw new FaxError('invalid_input', 'That page cursor is not one Faxbot gave out: start again from the first page.', { field: 'cursor' });
}
