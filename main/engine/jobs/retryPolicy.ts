// When a retryable failure (busy, no answer, provider 5xx, timeout) gets another attempt:
// exponential back-off from a base, capped. Permanent failures never retry.
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

export function retryDelayMs(policy: RetryPolicy, attemptsSoFar: number): number {
  const exponent = Math.max(0, attemptsSoFar - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}
