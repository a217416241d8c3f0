// What GET /health/ready reports: each part Faxbot needs, as it really stands now. A check
// that fails makes readiness 503; a warning says what is degraded (status polled instead of
// called back, say) while Faxbot still sends.
import type { WebhookHealth } from '../../../../shared/webhooks';
import type { ApiProbes } from '../apiAccess';

export type CheckStatus = 'ok' | 'warning' | 'failed';
export type Check = { status: CheckStatus; detail: string };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where the public URL comes from, as serve prints it. */
function publicUrlFrom(health: WebhookHealth): string {
  if (health.publicUrlLockedBy) return ` (${health.publicUrlLockedBy})`;
  if (health.publicUrlSource === 'tunnel') return ' (ngrok tunnel)';
  if (health.publicUrlSource === 'setting') return ' (Settings → Webhooks)';
  return '';
}

/**
 * `callers`: the active providers that report through callbacks (Phaxio, Sinch); the
 * simulator and Asterisk need none, so the listener's state cannot hold them up.
 */
export function webhookCheck(health: WebhookHealth, listenProblem: string | null, callers: readonly string[]): Check {
  const who = callers.join(' and ');
  if (!health.listening) {
    const why = `The webhook listener is not listening: ${listenProblem ?? 'it has not started'}.`;
    if (callers.length === 0)
      return { status: 'warning', detail: `${why} The active provider needs no callbacks, so faxes are not held up.` };
    return {
      status: 'failed',
      detail: `${why} ${who} cannot call back: fax status is polled instead, and faxes received through ${who} cannot arrive.`,
    };
  }
  const listening = `Listening on ${health.listenAddress ?? '127.0.0.1'}`;
  if (health.publicUrl) return { status: 'ok', detail: `${listening}; public URL ${health.publicUrl}${publicUrlFrom(health)}.` };
  if (callers.length === 0) return { status: 'ok', detail: `${listening}; no public URL, and the active provider needs no callbacks.` };
  const polled = `${who} cannot call back, so fax status is polled and received faxes cannot arrive`;
  if (health.tunnel.state === 'starting')
    return { status: 'warning', detail: `${listening}; the ngrok tunnel is still starting: ${polled} until it is up.` };
  if (health.tunnel.state === 'failed')
    return { status: 'warning', detail: `${listening}; no public URL: ${health.tunnel.message} Until then ${polled}.` };
  return {
    status: 'warning',
    detail: `${listening}; no public URL: ${polled}. Set PUBLIC_API_URL to your tunnel's address (or NGROK_AUTHTOKEN), or enter it in Settings → Webhooks.`,
  };
}

export async function readinessChecks(probes: ApiProbes): Promise<Record<string, Check>> {
  const checks: Record<string, Check> = {};
  try {
    probes.database();
    checks.database = { status: 'ok', detail: 'SQLite answers.' };
  } catch (error) {
    checks.database = { status: 'failed', detail: `The database does not answer: ${reason(error)}` };
  }
  try {
    await probes.storage();
    checks.storage = { status: 'ok', detail: 'The documents folder is writable.' };
  } catch (error) {
    checks.storage = {
      status: 'failed',
      detail: `Documents cannot be stored: ${reason(error)}. Check the data folder's disk and permissions.`,
    };
  }
  try {
    const provider = probes.provider();
    checks.provider = provider.problem
      ? {
          status: 'failed',
          detail: `${provider.id} could not start: ${provider.problem} Fix its settings in Settings → Plugins, test them and apply; faxes wait meanwhile.`,
        }
      : { status: 'ok', detail: `${provider.label} (${provider.id}) is active.` };
  } catch (error) {
    checks.provider = { status: 'failed', detail: `No provider is active: ${reason(error)}` };
  }
  try {
    const webhooks = probes.webhooks();
    checks.webhooks = webhookCheck(webhooks.health, webhooks.listenProblem, webhooks.callers);
  } catch (error) {
    checks.webhooks = { status: 'failed', detail: `The webhook listener's state cannot be read: ${reason(error)}` };
  }
  return checks;
}
