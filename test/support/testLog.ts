// Where the engine's log goes in tests: kept in memory, not printed, so a green run reads
// green even though many tests provoke warnings on purpose (a refused webhook, a port in use).
// test/support/setup.ts prints what was kept when a test fails, so nothing is lost then.
import { createLogger, type Logger, type LogLevel } from '../../main/engine/log';

const kept: string[] = [];

/** A log sink for createLogger({ write }) and the like. */
export function keepLogLine(line: string): void {
  kept.push(line);
}

/** The engine's own logger (masking, levels), writing into the kept lines. */
export function testLogger(level: LogLevel = 'warn'): Logger {
  return createLogger({ level, write: keepLogLine });
}

/** Everything kept since the last call, and forget it. */
export function takeKeptLog(): string[] {
  return kept.splice(0, kept.length);
}
