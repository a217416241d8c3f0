// What the engine takes as now, for schedules, retries and the sending window. One clock,
// injected, so a test can move time; the queue re-reads it often instead of trusting one long
// timer, so a wall clock that jumps (set by hand, corrected by NTP) is followed either way.
import { readFileSync } from 'node:fs';
import { faultPointsEnabled } from './faults';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * FAXBOT_TEST_CLOCK_FILE names a file holding how many milliseconds to add to the system
 * clock (the end-to-end tests move time with it). Like the fault points it is for tests
 * only: the packaged app turns it off with them (disableFaultPoints).
 */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  const file = env.FAXBOT_TEST_CLOCK_FILE?.trim();
  if (!file) return systemClock;
  let offset = 0;
  let readAt = 0;
  return () => {
    const real = Date.now();
    if (!faultPointsEnabled()) return new Date(real);
    // Read at most every 50 ms: the clock is asked often.
    if (real - readAt > 50) {
      readAt = real;
      try {
        offset = Number(readFileSync(file, 'utf8').trim()) || 0;
      } catch {
        offset = 0;
      }
    }
    return new Date(real + offset);
  };
}
