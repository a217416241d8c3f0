// One thing at a time: claims, checks and moves run in order, so two steps never race over
// the same file and a burst of 500 print jobs does not start 500 PDF parsers at once.
import type { Logger } from '../log';

export class SerialWork {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly logger: Logger) {}

  add(step: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.tail
      .then(step)
      .catch((error) => this.logger.error('a watched-folder step failed; it is tried again at the next start', { error }));
    this.tail = run.finally(() => this.pending--);
    return run;
  }

  /** Resolves once nothing is waiting, including steps added while waiting. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
