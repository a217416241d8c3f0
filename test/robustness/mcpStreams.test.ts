// MCP over streamable HTTP (POST /mcp, read by the SDK's transport) against bodies cut short
// and clients that hang up mid-upload: each cut gets a 4xx JSON-RPC error, nothing is kept,
// nothing is logged as an error, and the engine keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../main/engine/api';
import { DELIVERS, startApi, type ApiFixture } from '../api/apiFixture';
import { makeTestPdf } from '../support/pdfs';
import { fuzzSeed, hangUpMidUpload, sendOverWire, failOnUnheardErrors } from './wire';

const CUTS = 40;
const HANG_UPS = 20;

describe('MCP over HTTP: no stream error stops the engine', () => {
  let api: ApiFixture;
  let server: ApiServer;
  let headers: Record<string, string>;
  let sendBody: Buffer;
  const logLines: string[] = [];
  failOnUnheardErrors(logLines);

  beforeAll(async () => {
    api = await startApi({}, { logLines });
    server = await startApiServer({ engine: api.engine, port: 0 });
    headers = {
      'X-API-Key': await api.key(['fax:send', 'fax:read'], 'assistant'),
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    };
    // Padded so a hang-up has room to land part-way through the upload.
    const pdf = Buffer.concat([Buffer.from(await makeTestPdf(1)), Buffer.alloc(200 * 1024, 0x20)]);
    const call = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'send_fax', arguments: { to: DELIVERS, fileName: 'referral.pdf', fileContent: pdf.toString('base64') } },
    };
    sendBody = Buffer.from(JSON.stringify(call));
  });
  afterAll(async () => {
    await server?.close();
    await api?.close();
  });

  const stillServing = async () => expect((await fetch(`${server.url}/health`)).status).toBe(200);

  it('sends the fax when the call arrives whole (the cases below only break it)', async () => {
    const reply = await sendOverWire(server.url, { path: '/mcp', headers, body: sendBody });
    expect(reply.status).toBe(200);
    expect(reply.json.result.isError ?? false).toBe(false);
  });

  it(`answers a call cut short with a 4xx JSON-RPC error and keeps nothing (${CUTS} cuts)`, async () => {
    const random = fuzzSeed('mcp cut bodies', 19_201);
    const before = await api.snapshot();
    for (let i = 0; i < CUTS; i++) {
      const cutAt = random.int(sendBody.length);
      const reply = await sendOverWire(server.url, { path: '/mcp', headers, body: sendBody.subarray(0, cutAt) });
      expect({ cutAt, status: reply.status, error: typeof reply.json?.error?.message }).toEqual({ cutAt, status: 400, error: 'string' });
      await stillServing();
    }
    expect(await api.snapshot()).toEqual(before);
  });

  it(`survives clients that hang up mid-call, keeping nothing (${HANG_UPS} hang-ups)`, async () => {
    const random = fuzzSeed('mcp hang-ups', 19_202);
    const before = await api.snapshot();
    for (let i = 0; i < HANG_UPS; i++) {
      await hangUpMidUpload(server.url, { path: '/mcp', headers, body: sendBody }, random.int(sendBody.length), random.next() < 0.5);
      await stillServing();
    }
    expect(await api.snapshot()).toEqual(before);
  });
});
