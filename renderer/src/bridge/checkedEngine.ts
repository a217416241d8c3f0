// The renderer's door to the engine, the same over either transport: every failure arrives
// as a FaxError (faxErrors.ts), and every answer and event is held to the contract before a
// store sees it, so a malformed value from the other side shows a sentence instead of
// breaking a screen half-way through an update.
import { OPERATION_NAMES, events, operations, type EventName, type FaxbotApi } from '../../../shared/contract';
import { FaxError } from '../../../shared/errors';
import { NOT_UNDERSTOOD } from '../../../shared/rpc';
import { faxErrorOf } from './faxErrors';

export { NOT_UNDERSTOOD };

/** Where an answer differs from the contract: paths only, never values (they may hold fax numbers). */
function mismatch(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => issue.path.map(String).join('.') || '(the whole answer)')
    .join(', ');
}

export function checkedEngine<A extends FaxbotApi>(api: A): A {
  // Anything else the transport offers (the HTTP bridge's onReconnect) passes through as it is.
  const checked: Record<string, unknown> = { ...api };
  for (const name of OPERATION_NAMES) {
    const call = api[name] as (input: unknown) => Promise<unknown>;
    const output = operations[name].output;
    checked[name] = async (input: unknown) => {
      let result: unknown;
      try {
        result = await call(input);
      } catch (reason) {
        throw faxErrorOf(reason);
      }
      const check = output.safeParse(result);
      if (!check.success) {
        console.warn(`Faxbot's answer to ${name} does not fit the contract (${mismatch(check.error.issues)}).`);
        throw new FaxError('internal', NOT_UNDERSTOOD);
      }
      return result;
    };
  }
  checked.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!Object.hasOwn(events, event)) throw new TypeError(`Faxbot has no event called "${String(event).slice(0, 60)}".`);
    const schema = events[event];
    return api.on(event, (payload: unknown) => {
      const check = schema.safeParse(payload);
      if (!check.success) {
        console.warn(`Dropped a ${event} event that does not fit the contract (${mismatch(check.error.issues)}).`);
        return;
      }
      listener(payload);
    });
  };
  return Object.freeze(checked) as A;
}
