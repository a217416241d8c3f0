// Gathering: staff often print a cover letter and an attachment as two jobs. Files that
// arrive within the gathering window of the first become one fax, in the order they came.
import { randomUUID } from 'node:crypto';

export class PickupBatches {
  private open: { id: string; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly windowMs: () => number,
    private readonly close: (batchId: string) => void,
  ) {}

  /** The batch a file that is ready now belongs to; 0 seconds closes it at once. */
  join(): { batchId: string; closeNow: boolean } {
    const windowMs = this.windowMs();
    if (windowMs <= 0) return { batchId: randomUUID(), closeNow: true };
    if (!this.open) {
      const id = randomUUID();
      const timer = setTimeout(() => {
        this.open = null;
        this.close(id);
      }, windowMs);
      this.open = { id, timer };
    }
    return { batchId: this.open.id, closeNow: false };
  }

  stop(): void {
    if (this.open) clearTimeout(this.open.timer);
    this.open = null;
  }
}
