// MCP as users get it: mounted by default beside the REST API, under the same rate limit
// and audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../main/engine/api';
import { startEngine, type Harness } from '../support/engineHarness';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('MCP mounted on the local API server', () => {
  let harness: Harness;
  let server: ApiServer;
  let key: string;

  beforeAll(async () => {
    harness = await startEngine({ maxRequestsPerMinute: 2 });
    harness.engine.api.setEnabled(true, 'test');
    key = (await harness.engine.api.createKey('assistant', ['fax:read'])).secret;
    server = await startApiServer({ engine: harness.engine, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await harness?.close();
  });

  const initialize = () =>
    fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'X-API-Key': key },
      body: JSON.stringify(INITIALIZE),
    });

  it('is at /mcp without being asked for, and counts calls against the key’s rate limit', async () => {
    expect((await initialize()).status).toBe(200);
    expect((await initialize()).status).toBe(200);
    const limited = await initialize();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/Too many requests/);
    const actions = harness.engine.api.auditLog.recent(20).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['mcp_request', 'rate_limited']));
  });
});
