// PDFs served by the REST API stream out of the encrypted store: a large document comes
// back byte for byte with its length announced, and one found damaged part-way is cut
// short (fewer bytes than Content-Length), never served as a complete file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERS, startApi, type ApiFixture } from './apiFixture';
import { FaxbotClient } from './sdkClient';
import { documentIdOf } from '../support/engineHarness';
import { makeBulkyPdf } from '../support/pdfs';

describe('REST API: PDFs stream from the store', () => {
  let api: ApiFixture;
  let client: FaxbotClient;
  let jobId: string;
  let documentFile: string;

  beforeAll(async () => {
    api = await startApi();
    client = new FaxbotClient(api.url, await api.key(['fax:send', 'fax:read'], 'EHR'));
    jobId = (await client.sendFax(DELIVERS, await makeBulkyPdf(), 'bulky.pdf')).id;
    await client.waitForFinal(jobId);
    const documentId = documentIdOf(api.dataDir, 'fax_jobs', jobId);
    documentFile = join(api.dataDir, 'documents', `${documentId}.bin`);
  });
  afterAll(async () => api?.close());

  it('serves a large document whole, with its length, identical to what the window gets', async () => {
    const response = await fetch(`${api.url}/fax/${jobId}/pdf`, { headers: { 'X-API-Key': client['apiKey'] } });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeGreaterThan(500_000);
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    const viaWindow = await api.engine.call('getJobDocument', { id: jobId });
    expect(body.equals(Buffer.from(viaWindow.pdfBase64, 'base64'))).toBe(true);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('cuts the response short when the stored document turns out damaged part-way', async () => {
    const sealed = readFileSync(documentFile);
    const damaged = Buffer.from(sealed);
    damaged[Math.floor(sealed.length * 0.8)] ^= 0x01; // a late chunk: the headers are already sent
    writeFileSync(documentFile, damaged);
    try {
      const response = await fetch(`${api.url}/fax/${jobId}/pdf`, { headers: { 'X-API-Key': client['apiKey'] } });
      expect(response.status).toBe(200);
      const announced = Number(response.headers.get('content-length'));
      const received = await response.arrayBuffer().then(
        (body) => body.byteLength,
        () => -1, // the connection was cut: the client knows the file is incomplete
      );
      expect(received).toBeLessThan(announced);
      // The window's whole-document read refuses it in words.
      await expect(api.engine.call('getJobDocument', { id: jobId })).rejects.toMatchObject({
        code: 'document_damaged',
        message: expect.stringMatching(/damaged/),
      });
    } finally {
      writeFileSync(documentFile, sealed);
    }
  });

  it('answers a JSON error, never an empty reply, for damage found before any byte went out — as all of a small document, every time', async () => {
    const sealed = readFileSync(documentFile);
    // The first chunk of the large document: its header, its first block of text.
    const positions = [0, 3, 10, 40, 1000, 30_000, 60_000];
    try {
      for (const at of positions) {
        const damaged = Buffer.from(sealed);
        damaged[at] ^= 0x01;
        writeFileSync(documentFile, damaged);
        const response = await fetch(`${api.url}/fax/${jobId}/pdf`, { headers: { 'X-API-Key': client['apiKey'] } });
        expect(response.status, `byte ${at} flipped`).toBe(500);
        expect(response.headers.get('content-type')).toMatch(/json/);
        const problem = (await response.json()) as { code: string; detail: string };
        expect(problem.code).toBe('document_damaged');
        expect(problem.detail).toMatch(/is damaged: it failed its integrity check.*Restore the data folder from a backup/);
      }
    } finally {
      writeFileSync(documentFile, sealed);
    }
  });
});
