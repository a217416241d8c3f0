// Per-key request limit: a fixed one-minute window, as the original Faxbot has (its
// MAX_REQUESTS_PER_MINUTE). Only callers with a valid key are counted; 0 turns it off.
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; limit: number };

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  admit(keyId: string): RateDecision {
    if (this.perMinute <= 0) return { ok: true };
    const at = this.now();
    let window = this.windows.get(keyId);
    if (!window || at - window.start >= WINDOW_MS) {
      window = { start: at, count: 0 };
      this.windows.set(keyId, window);
      // Keys idle for a whole window need no entry; drop them so the map stays small.
      if (this.windows.size > 1000) for (const [id, w] of this.windows) if (at - w.start >= WINDOW_MS) this.windows.delete(id);
    }
    if (window.count >= this.perMinute) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - at) / 1000)), limit: this.perMinute };
    }
    window.count += 1;
    return { ok: true };
  }
}
