// The simulator's documented test numbers (README "Trying it out"). Anything else is
// delivered after a realistic dial and page-by-page transmission.
export const SIMULATOR_NUMBERS = {
  /** The simulator's own line: a fax sent here arrives back in the Inbox. */
  loopback: '+12025550100',
  /** Busy on the first call, answered on the next: shows a retry. */
  busyOnce: '+12025550111',
  /** Rings out every time: retries, then fails. */
  noAnswer: '+12025550122',
  /** A voice line answers: fails at once, no retry. */
  notAFax: '+12025550133',
} as const;

export type SimulatedOutcome = { kind: 'delivered'; loopback: boolean } | { kind: 'busy' } | { kind: 'no_answer' } | { kind: 'not_a_fax' };

export function plannedOutcome(to: string, priorCallsToNumber: number, stationNumber: string): SimulatedOutcome {
  switch (to) {
    case SIMULATOR_NUMBERS.loopback:
      return { kind: 'delivered', loopback: true };
    case SIMULATOR_NUMBERS.busyOnce:
      return priorCallsToNumber % 2 === 0 ? { kind: 'busy' } : { kind: 'delivered', loopback: false };
    case SIMULATOR_NUMBERS.noAnswer:
      return { kind: 'no_answer' };
    case SIMULATOR_NUMBERS.notAFax:
      return { kind: 'not_a_fax' };
    default:
      return { kind: 'delivered', loopback: stationNumber !== '' && to === stationNumber };
  }
}
