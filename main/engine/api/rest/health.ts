// GET /health (is it up) and GET /health/ready (can it do its work): the original's
// endpoints, answered without a key so monitors need no secret. The checks are in readiness.ts.
import type { ApiEndpoint } from './endpoint';
import { sendJson } from './http';
import { readinessChecks } from './readiness';

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
      200: { description: 'No check failed (a warning says what is degraded).', body: 'Readiness' },
      503: { description: 'A check failed; its detail says what to fix.', body: 'Readiness' },
    },
    async handle(call) {
      const checks = await readinessChecks(call.engine.api.probes);
      const ready = Object.values(checks).every((c) => c.status !== 'failed');
      sendJson(call.response, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
    },
  },
];
