// MCP over streamable HTTP on the local API server, with the SDK's own client: API keys
// with scopes from the engine's real key store, a real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { authenticateApiKey, startApiServer, type ApiServer } from '../../main/engine/api';
import { createMcpHttpRoute, engineFaxTools } from '../../main/engine/api/mcp';
import { startEngine, type Harness } from '../support/engineHarness';
import { makeTestPdf } from '../support/pdfs';
import { textOf, until } from './mcpStdioClient';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('MCP over streamable HTTP', () => {
  let harness: Harness;
  let server: ApiServer;
  let fullKey: string;
  let readOnlyKey: string;
  let revokedKey: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    harness = await startEngine();
    const { engine } = harness;
    engine.api.setEnabled(true, 'test');
    fullKey = (await engine.api.createKey('assistant', ['fax:send', 'fax:read', 'inbound:list', 'inbound:read'])).secret;
    readOnlyKey = (await engine.api.createKey('status board', ['fax:read'])).secret;
    const revoked = await engine.api.createKey('old laptop', ['fax:send', 'fax:read']);
    engine.api.revokeKey(revoked.key.keyId);
    revokedKey = revoked.secret;
    const mcp = createMcpHttpRoute({
      tools: engineFaxTools(engine),
      authenticate: (key) => authenticateApiKey(engine, key ?? undefined),
      maxFileSizeMb: engine.config.maxFileSizeMb,
      logger: engine.logger,
    });
    server = await startApiServer({ engine, port: 0, extraRoutes: [mcp] });
  });
  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await server?.close();
    await harness?.close();
  });

  async function connect(headers: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'faxbot-http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }
  const call = async (client: Client, name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const post = (headers: Record<string, string>, method = 'POST') =>
    fetch(`${server.url}/mcp`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      body: method === 'POST' ? JSON.stringify(INITIALIZE) : undefined,
    });

  it('answers 401 without a key, with a wrong key, and with a revoked key', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'X-API-Key': 'fbk_live_000000000000_nope' },
      { 'X-API-Key': revokedKey },
      { Authorization: 'Basic abc' },
    ];
    for (const headers of attempts) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      expect(JSON.stringify(await response.json())).toMatch(/Settings → API keys/);
    }
    await expect(connect({})).rejects.toThrow();
  });

  it('answers 405 for GET and DELETE: the endpoint is stateless', async () => {
    expect((await post({ 'X-API-Key': fullKey }, 'GET')).status).toBe(405);
    expect((await post({ 'X-API-Key': fullKey }, 'DELETE')).status).toBe(405);
  });

  it('lets a key without fax:send see the tools but not send', async () => {
    const client = await connect({ 'X-API-Key': readOnlyKey });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('send_fax');
    const refused = await call(client, 'send_fax', { to: '+1 202 555 0143', fileContent: 'JVBERi0=', fileName: 'a.pdf' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/needs the fax:send permission/);
    const inbox = await call(client, 'list_inbound', {});
    expect(textOf(inbox)).toMatch(/needs the inbound:list permission/);
    const status = await call(client, 'get_fax_status', { jobId: 'no-such-job' });
    expect(textOf(status)).toMatch(/There is no fax job no-such-job/);
  });

  it('sends a fax with a good key (Bearer works too) and follows it to SUCCESS', async () => {
    const client = await connect({ Authorization: `Bearer ${fullKey}` });
    const content = Buffer.from(await makeTestPdf(2)).toString('base64');
    const sent = await call(client, 'send_fax', { to: '+1 202 555 0143', fileContent: content, fileName: 'two.pdf' });
    expect(sent.isError ?? false).toBe(false);
    const job = sent.structuredContent as { id: string; pages: number };
    expect(job.pages).toBe(2);
    const done = await until(
      () => call(client, 'get_fax_status', { jobId: job.id }),
      (r) => (r.structuredContent as { status: string }).status === 'SUCCESS',
      'delivery',
    );
    expect(done.structuredContent).toMatchObject({ faxbot_status: 'delivered' });
  });

  it('refuses filePath over HTTP: the server would read its own disk', async () => {
    const client = await connect({ 'X-API-Key': fullKey });
    const result = await call(client, 'send_fax', { to: '+1 202 555 0143', filePath: '/etc/hostname' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/filePath is not accepted over HTTP/);
  });

  it('answers 404 while the API is turned off', async () => {
    harness.engine.api.setEnabled(false, 'test');
    try {
      expect((await post({ 'X-API-Key': fullKey })).status).toBe(404);
    } finally {
      harness.engine.api.setEnabled(true, 'test');
    }
  });
});
