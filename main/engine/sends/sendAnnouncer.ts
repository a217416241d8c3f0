// A send's recipients move on one by one (500 of them, during a broadcast): its Outbox row is
// announced at most once per interval, with the counts as they are then, never once per job.
export class SendAnnouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly announce: (sendId: string) => void,
    private readonly intervalMs = 150,
  ) {}

  /** A job of this send changed: its row is announced shortly. */
  changed(sendId: string): void {
    if (this.timers.has(sendId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(sendId);
      this.announce(sendId);
    }, this.intervalMs);
    timer.unref?.();
    this.timers.set(sendId, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
