// GET /health (is it up) and GET /health/ready (can it do its work): the original's
// endpoints, answered without a key so monitors need no secret. Webhooks do not exist yet,
// so that check says "not configured" rather than failing readiness.
import type { ApiEndpoint } from './endpoint';
import { sendJson, type ApiCall } from './http';

type Check = { status: 'ok' | 'failed' | 'skipped'; detail: string };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readiness(call: ApiCall): Promise<Record<string, Check>> {
  const { probes } = call.engine.api;
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
    checks.provider = { status: 'ok', detail: `${provider.label} (${provider.id}) is active.` };
  } catch (error) {
    checks.provider = { status: 'failed', detail: `No provider is active: ${reason(error)}` };
  }
  checks.webhooks = { status: 'skipped', detail: 'Not configured: this version has no webhook listener yet.' };
  return checks;
}

export const healthEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'Is Faxbot answering',
    scope: null,
    responses: { 200: { description: '`{"status":"ok"}`', body: 'Health' } },
    async handle(call) {
      sendJson(call.response, 200, { status: 'ok' });
    },
  },
  {
    method: 'GET',
    path: '/health/ready',
    operationId: 'ready',
    summary: 'Can Faxbot send: database, storage, provider, webhooks',
    scope: null,
    responses: {
      200: { description: 'Every check passed (or was skipped).', body: 'Readiness' },
      503: { description: 'A check failed; its detail says what to fix.', body: 'Readiness' },
    },
    async handle(call) {
      const checks = await readiness(call);
      const ready = Object.values(checks).every((c) => c.status !== 'failed');
      sendJson(call.response, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
    },
  },
];
