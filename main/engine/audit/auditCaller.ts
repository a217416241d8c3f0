// Who is behind an operation, for the audit log. The operations are shared by the window,
// the REST API, MCP and the CLI, so the caller is carried alongside the call (async context)
// rather than through every operation's arguments. No context means the engine's own
// default caller: the window in the app and under `faxbot serve`.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface AuditCaller {
  /** 'window', an API key id, 'mcp', 'cli'. */
  actor: string;
  /** The caller writes its own entries (the REST API does): operations then add none. */
  selfRecorded?: boolean;
}

const context = new AsyncLocalStorage<AuditCaller>();

/** Runs `work` (and everything it awaits) on behalf of `caller`. */
export function runAsAuditCaller<T>(caller: AuditCaller, work: () => T): T {
  return context.run(caller, work);
}

/** The caller of the operation running now, or null when there is none (the default caller). */
export function currentAuditCaller(): AuditCaller | null {
  return context.getStore() ?? null;
}
