// `faxbot mcp` as a process: stdout carries nothing but JSON-RPC, and when the app already
// holds the data folder it goes through that Faxbot's REST API with API_KEY.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../main/engine/api';
import { ROOT } from '../support/childProcess';
import { startEngine, type Harness } from '../support/engineHarness';
import { makeTestPdf } from '../support/pdfs';
import { MCP_ENV, startStdioSession, textOf, until } from './mcpStdioClient';

function faxbotMcp(dataDir: string, env: Record<string, string>) {
  return spawn(process.execPath, [join(ROOT, 'bin', 'faxbot.js'), 'mcp', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...MCP_ENV, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

describe('faxbot mcp as a process', () => {
  it('writes only JSON-RPC lines to stdout, through a send that converts a document', async () => {
    const child = faxbotMcp(mkdtempSync(join(tmpdir(), 'faxbot-mcp-')), { FAXBOT_LOG_LEVEL: 'debug' });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const content = Buffer.from(await makeTestPdf(1)).toString('base64');
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'send_fax', arguments: { to: '+12025550100', fileContent: content, fileName: 'a.pdf' } },
      },
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'send_fax', arguments: { to: 'nope', fileContent: '%%%' } } },
    ];
    // Answers to all three requests, then close stdin: the server must end on its own.
    const answered = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if ([2, 3, 4].every((id) => stdout.includes(`"id":${id}`))) resolve();
      });
    });
    for (const message of messages) child.stdin.write(JSON.stringify(message) + '\n');
    await answered;
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);

    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBe(4);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toContain('Faxbot MCP server ready');
  });

  describe('when a running Faxbot holds the data folder', () => {
    let harness: Harness;
    let server: ApiServer;
    let key: string;

    beforeAll(async () => {
      harness = await startEngine();
      harness.engine.api.setEnabled(true, 'test');
      key = (await harness.engine.api.createKey('assistant', ['fax:send', 'fax:read', 'inbound:list', 'inbound:read'])).secret;
      server = await startApiServer({ engine: harness.engine, port: 0 });
    });
    afterAll(async () => {
      await server?.close();
      await harness?.close();
    });

    it('exits 1 with what to do when API_KEY is not set', async () => {
      const child = faxbotMcp(harness.dataDir, { API_KEY: '' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(/already running on the data folder/);
      expect(stderr).toMatch(/Settings → API keys and set API_KEY/);
      expect(stdout).toBe('');
    });

    it('sends, follows, lists and opens faxes through the REST API', async () => {
      const session = await startStdioSession({ dataDir: harness.dataDir, env: { API_KEY: key, FAX_API_URL: server.url } });
      try {
        expect(session.stderr()).toMatch(/through the running Faxbot at/);
        const content = Buffer.from(await makeTestPdf(1)).toString('base64');
        const sent = await session.call('send_fax', { to: '+12025550100', fileContent: content, fileName: 'loop.pdf' });
        expect(sent.isError ?? false).toBe(false);
        const job = sent.structuredContent as { id: string };
        const done = await until(
          () => session.call('get_fax_status', { jobId: job.id }),
          (r) => (r.structuredContent as { status?: string }).status === 'SUCCESS',
          'delivery',
        );
        expect(done.structuredContent).toMatchObject({ id: job.id, faxbot_status: 'delivered' });

        const page = await until(
          () => session.call('list_inbound', { limit: 5 }),
          (r) => ((r.structuredContent as { items?: unknown[] }).items ?? []).length > 0,
          'the loopback fax',
        );
        const first = (page.structuredContent as { items: Array<{ id: string }> }).items[0];
        const pdf = await session.call('get_inbound_pdf', { inboundId: first.id });
        const blob = pdf.content.find((part) => part.type === 'resource') as { resource: { blob: string } };
        expect(Buffer.from(blob.resource.blob, 'base64').subarray(0, 4).toString('latin1')).toBe('%PDF');

        const badNumber = await session.call('send_fax', { to: '+1 555 0100', fileContent: content, fileName: 'a.pdf' });
        expect(badNumber.isError).toBe(true);
        expect(textOf(badNumber)).toMatch(/too short/);
        const unknown = await session.call('get_fax_status', { jobId: 'no-such-job' });
        expect(unknown.isError).toBe(true);
        expect(textOf(unknown)).toMatch(/no-such-job/);
      } finally {
        await session.close();
      }
    });

    it('says the key was refused when API_KEY is wrong', async () => {
      const session = await startStdioSession({
        dataDir: harness.dataDir,
        env: { API_KEY: 'fbk_live_000000000000_wrong', FAX_API_URL: server.url },
      });
      try {
        const result = await session.call('get_fax_status', { jobId: 'anything' });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/refused the API key in API_KEY/);
      } finally {
        await session.close();
      }
    });
  });
});
