// One entry for every transport: validate the payload against the contract, run the
// operation, and answer a result or an error a person can act on. Bad calls are refused
// whole, before any handler runs; unexpected failures are logged, never leaked raw.
import type { OperationArgs, OperationName, OperationResult, RpcReply } from '../../shared/contract';
import { FaxError, isFaxError } from '../../shared/errors';
import { isOperationName, parseOperationInput } from '../../shared/rpc';
import type { Logger } from './log';

/**
 * What dispatch needs of the engine: run an operation, and a log for what went wrong.
 * Declared here, not taken from engine.ts, so the API and MCP can dispatch without
 * importing the composition root that builds them.
 */
export interface RpcEngine {
  readonly logger: Logger;
  call<N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>>;
}

/**
 * Runs one operation on an input that crossed a boundary (IPC, RPC, a REST body or query):
 * the contract's schema parses it first, so a bad value throws invalid_input with `fields`
 * and the handler never sees it.
 */
export async function callOperation<N extends OperationName>(engine: RpcEngine, name: N, raw: unknown): Promise<OperationResult<N>> {
  return engine.call(name, parseOperationInput(name, raw));
}

export interface DispatchOptions {
  /** Told of a call refused before the engine saw it (no such operation, or a payload that fails its schema), for the transport to log. */
  onRefused?: (refusal: FaxError) => void;
}

export async function dispatch(engine: RpcEngine, name: unknown, raw: unknown, options: DispatchOptions = {}): Promise<RpcReply<unknown>> {
  let operation: OperationName;
  let args: OperationArgs<OperationName>;
  try {
    if (!isOperationName(name)) {
      throw new FaxError('not_found', `There is no operation called "${String(name).slice(0, 60)}".`);
    }
    operation = name;
    args = parseOperationInput(name, raw);
  } catch (refusal) {
    const error = isFaxError(refusal) ? refusal : new FaxError('invalid_input', 'Faxbot could not read this request.');
    options.onRefused?.(error);
    return { ok: false, error: error.toInfo() };
  }
  try {
    const result = await engine.call(operation, args);
    return { ok: true, result };
  } catch (error) {
    if (isFaxError(error)) return { ok: false, error: error.toInfo() };
    engine.logger.error('operation failed unexpectedly', { operation: String(name), error });
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Faxbot hit an unexpected problem. The details are in its log; try again, and report it if it happens again.',
      },
    };
  }
}
