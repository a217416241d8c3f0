// What a failed HTTP call to a fax service means for "never send a fax twice": errors that
// happen before a request leaves this machine are safe to retry; anything later may have
// reached the service, so the queue asks it first (outcome_unknown). One list for every
// provider that talks HTTP (Phaxio, Sinch, declarative manifests).

/** Error codes from connecting: the request never reached the service. */
export const NEVER_SENT: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The network error code of a failed fetch ('TimeoutError' for time limits and aborts), or null. */
export function networkCode(error: unknown): string | null {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'TimeoutError';
  const cause = (error as { cause?: { code?: unknown; name?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) return 'TimeoutError';
  const own = (error as { code?: unknown } | null)?.code;
  return typeof own === 'string' ? own : null;
}
