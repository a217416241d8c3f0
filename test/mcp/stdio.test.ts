// `faxbot mcp` over stdio with the SDK's own client: the tools, a real send through the
// simulator, the loopback fax in the inbox, and every bad input an assistant could send.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdf } from '../support/pdfs';
import { startStdioSession, textOf, until, type StdioSession } from './mcpStdioClient';

const LOOPBACK = '+12025550100';
const OTHER = '+1 202 555 0143';

describe('faxbot mcp over stdio', () => {
  let session: StdioSession;
  let pdfBase64: string;
  let files: string;

  beforeAll(async () => {
    session = await startStdioSession();
    const pdf = await makeTestPdf(1, 'MCP page');
    pdfBase64 = Buffer.from(pdf).toString('base64');
    files = mkdtempSync(join(tmpdir(), 'faxbot-mcp-files-'));
    writeFileSync(join(files, 'referral.pdf'), pdf);
    mkdirSync(join(files, 'a-folder'));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists the Faxbot tools with their input schemas', async () => {
    const { tools } = await session.client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual([
      'find_contact',
      'get_fax',
      'get_fax_status',
      'get_inbound_pdf',
      'list_inbound',
      'send_fax',
    ]);
    expect(Object.keys(byName.send_fax.inputSchema.properties ?? {}).sort()).toEqual([
      'fileContent',
      'fileName',
      'filePath',
      'fileType',
      'fileUrl',
      'to',
    ]);
    expect(byName.send_fax.inputSchema.required).toEqual(['to']);
    expect(byName.get_fax_status.inputSchema.required).toEqual(['jobId']);
    expect(byName.get_fax.inputSchema.required).toEqual(['id']);
    expect(Object.keys(byName.list_inbound.inputSchema.properties ?? {}).sort()).toEqual(['cursor', 'limit']);
    expect(byName.get_inbound_pdf.inputSchema.required).toEqual(['inboundId']);
    expect(byName.get_inbound_pdf.description).toMatch(/patient data/i);
  });

  it('sends base64 content and reports it delivered', async () => {
    const sent = await session.call('send_fax', { to: OTHER, fileContent: pdfBase64, fileName: 'letter.pdf' });
    expect(sent.isError ?? false).toBe(false);
    const job = sent.structuredContent as { id: string; to: string; status: string; pages: number };
    expect(job).toMatchObject({ to: '+12025550143', status: 'queued', pages: 1 });
    expect(textOf(sent)).toContain(job.id);
    const done = await until(
      () => session.call('get_fax_status', { jobId: job.id }),
      (r) => (r.structuredContent as { status: string }).status === 'SUCCESS',
      'the fax to be delivered',
    );
    expect(done.structuredContent).toMatchObject({ id: job.id, status: 'SUCCESS', faxbot_status: 'delivered', error: null });
    const alias = await session.call('get_fax', { id: job.id });
    expect(alias.structuredContent).toMatchObject({ id: job.id, status: 'SUCCESS' });
  });

  it('sends a file named by an absolute or relative path', async () => {
    const absolute = await session.call('send_fax', { to: OTHER, filePath: join(files, 'referral.pdf') });
    expect(absolute.isError ?? false).toBe(false);
    expect(textOf(absolute)).toContain('referral.pdf');
    // The server's working folder is the project root (ROOT): a relative path resolves there.
    const relative = await session.call('send_fax', { to: OTHER, filePath: 'test/fixtures/../../.gitignore', fileType: 'txt' });
    expect(relative.isError ?? false).toBe(false);
  });

  it.each([
    ['a number that is too short', { to: '+1 555 0100', fileContent: 'JVBERi0=', fileName: 'a.pdf' }, /too short|number/i],
    ['letters for a number', { to: 'call Bob', fileContent: 'JVBERi0=', fileName: 'a.pdf' }, /number/i],
    [
      'a file type Faxbot cannot fax',
      { to: OTHER, fileContent: Buffer.from('PK\u0003\u0004zipzipzip').toString('base64'), fileName: 'a.zip' },
      /not a kind of file Faxbot can fax/,
    ],
    ['an unknown fileType', { to: OTHER, fileContent: 'JVBERi0=', fileType: 'docx' }, /fileType "docx" is not one Faxbot can fax/],
    ['a missing file path', { to: OTHER, filePath: 'no/such/file.pdf' }, /Cannot find the file no\/such\/file.pdf/],
    ['a folder path', { to: OTHER, filePath: '__FOLDER__' }, /is a folder/],
    ['base64 that is not base64', { to: OTHER, fileContent: 'this is *not* base64!', fileName: 'a.pdf' }, /fileContent is not base64/],
    ['a URL', { to: OTHER, fileUrl: 'http://127.0.0.1:9/x.pdf' }, /does not download files from URLs/],
    ['both a path and content', { to: OTHER, filePath: 'a.pdf', fileContent: 'JVBERi0=' }, /either filePath or fileContent/],
    ['no document at all', { to: OTHER }, /Say what to fax/],
    ['an empty file', { to: OTHER, fileContent: '', fileName: 'empty.pdf' }, /empty/i],
  ])('refuses %s with a reason', async (_what, args, reason) => {
    const withFolder = { ...args } as Record<string, unknown>;
    if (withFolder.filePath === '__FOLDER__') withFolder.filePath = join(files, 'a-folder');
    const result = await session.call('send_fax', withFolder);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(reason);
    expect(textOf(result)).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('refuses arguments of the wrong type before doing anything', async () => {
    const result = await session.call('send_fax', { to: 12025550143, fileContent: pdfBase64 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/expected string, received number at to/);
  });

  it('answers an unknown or malformed job id with a reason', async () => {
    const unknown = await session.call('get_fax_status', { jobId: 'no-such-job' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/There is no fax job no-such-job/);
    const malformed = await session.call('get_fax_status', { jobId: '../../etc/passwd' });
    expect(malformed.isError).toBe(true);
    expect(textOf(malformed)).toMatch(/an id is letters, digits, - and _/);
    const inbound = await session.call('get_inbound_pdf', { inboundId: 'nope' });
    expect(inbound.isError).toBe(true);
    expect(textOf(inbound)).toMatch(/There is no received fax nope/);
  });

  it('refuses a list size out of range and a bad cursor', async () => {
    const tooMany = await session.call('list_inbound', { limit: 5000 });
    expect(tooMany.isError).toBe(true);
    expect(textOf(tooMany)).toMatch(/<=100 at limit/);
    const badCursor = await session.call('list_inbound', { cursor: '%%%not-a-cursor' });
    expect(badCursor.isError).toBe(true);
    expect(textOf(badCursor)).toMatch(/cursor is not one Faxbot gave out/);
    expect(textOf(badCursor)).not.toMatch(/\n\s+at /);
  });

  it('lists the fax that looped back and returns its PDF', async () => {
    const sent = await session.call('send_fax', { to: LOOPBACK, fileContent: pdfBase64, fileName: 'loop.pdf' });
    expect(sent.isError ?? false).toBe(false);
    const page = await until(
      () => session.call('list_inbound', { limit: 10 }),
      (r) => (r.structuredContent as { items: unknown[] }).items.length > 0,
      'the looped-back fax to arrive',
    );
    const listed = page.structuredContent as { items: Array<{ id: string; pages: number }>; total: number; next_cursor: string | null };
    expect(listed.total).toBe(1);
    expect(listed.items[0].pages).toBe(1);
    expect(textOf(page)).toContain(listed.items[0].id);

    const pdf = await session.call('get_inbound_pdf', { inboundId: listed.items[0].id });
    expect(pdf.isError ?? false).toBe(false);
    const blob = pdf.content.find((part) => part.type === 'resource') as { resource: { blob: string; mimeType: string } };
    expect(blob.resource.mimeType).toBe('application/pdf');
    expect(Buffer.from(blob.resource.blob, 'base64').subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.structuredContent).toMatchObject({ id: listed.items[0].id, mime_type: 'application/pdf' });

    const namesOnly = await session.call('get_inbound_pdf', { inboundId: listed.items[0].id, asBase64: false });
    expect(namesOnly.content.some((part) => part.type === 'resource')).toBe(false);
  });
});

describe('faxbot mcp with a small MAX_FILE_SIZE_MB', () => {
  it('refuses a file path or content over the limit, before reading or decoding it', async () => {
    const session = await startStdioSession({ env: { MAX_FILE_SIZE_MB: '1' } });
    try {
      const big = join(mkdtempSync(join(tmpdir(), 'faxbot-mcp-big-')), 'big.pdf');
      writeFileSync(big, Buffer.alloc(1024 * 1024 + 10, 0x41));
      const byPath = await session.call('send_fax', { to: OTHER, filePath: big });
      expect(byPath.isError).toBe(true);
      expect(textOf(byPath)).toMatch(/big.pdf is 1.0 MB: a file can be up to 1 MB \(MAX_FILE_SIZE_MB\)/);
      const byContent = await session.call('send_fax', {
        to: OTHER,
        fileContent: Buffer.alloc(1024 * 1024 + 10, 0x41).toString('base64'),
        fileName: 'big.pdf',
      });
      expect(byContent.isError).toBe(true);
      expect(textOf(byContent)).toMatch(/up to 1 MB/);
    } finally {
      await session.close();
    }
  });
});
