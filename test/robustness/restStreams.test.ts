// The REST API on both servers that carry it (beside the window under `faxbot serve`, and the
// Electron app's own API server) against what networks and clients do to streams: forms cut
// short, clients that hang up mid-upload or mid-download, malformed multipart. Each gets a 4xx
// sentence (or, when the client is gone, a closed connection), nothing is kept, nothing is
// logged as an error, and the engine keeps answering.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApiServer, type ApiServer } from '../../main/engine/api';
import { DELIVERS, startApi, type ApiFixture } from '../api/apiFixture';
import { makeBulkyPdf, makeTestPdf } from '../support/pdfs';
import { prng } from '../support/prng';
import { brokenForm, cutForm, goodForm } from './brokenForms';
import { abandonDownload, fuzzSeed, hangUpMidUpload, openFilesUnder, sendOverWire, failOnUnheardErrors } from './wire';

const CUTS = 60;
const HANG_UPS = 30;
const BROKEN_FORMS = 80;
const DOWNLOADS = 5;

describe.each(['headless server', 'Electron API server'] as const)('REST API on the %s: no stream error stops the engine', (which) => {
  let api: ApiFixture;
  let standalone: ApiServer | null = null;
  let url: string;
  let key: string;
  let pdf: Buffer;
  const logLines: string[] = [];
  failOnUnheardErrors(logLines);

  beforeAll(async () => {
    api = await startApi({ maxFileSizeMb: 2 }, { logLines });
    if (which === 'Electron API server') standalone = await startApiServer({ engine: api.engine, port: 0 });
    url = standalone?.url ?? api.url;
    key = await api.key(['fax:send', 'fax:read', 'keys:manage'], 'robustness');
    pdf = Buffer.from(await makeTestPdf(1));
  });
  afterAll(async () => {
    await standalone?.close();
    await api?.close();
  });

  const stillServing = async () => expect((await fetch(`${url}/health`)).status).toBe(200);
  const postFax = (contentType: string, body: Buffer, headers: Record<string, string> = {}) =>
    sendOverWire(url, { path: '/fax', headers: { 'Content-Type': contentType, 'X-API-Key': key, ...headers }, body });

  it('the form as sent, whole, is accepted (the cases below differ from it only in how they break)', async () => {
    const form = goodForm(prng(1), DELIVERS, pdf);
    const reply = await postFax(form.contentType, form.body);
    expect(reply.status).toBe(202);
  });

  it(`answers a form cut short at any byte with a 400 sentence and keeps nothing (${CUTS} cuts)`, async () => {
    const random = fuzzSeed(`${which} cut forms`, 19_001);
    const before = await api.snapshot();
    for (let i = 0; i < CUTS; i++) {
      const cut = cutForm(random, goodForm(random, DELIVERS, pdf));
      const reply = await postFax(cut.contentType, cut.body);
      expect({ case: cut.label, status: reply.status, code: reply.json?.code }).toEqual({
        case: cut.label,
        status: 400,
        code: 'invalid_input',
      });
      expect(reply.json.detail).toMatch(/^The upload ended before the (file|form) was complete: send it again\.$/);
      await stillServing();
    }
    expect(await api.snapshot()).toEqual(before);
  });

  it(`survives clients that hang up mid-upload, keeping nothing (${HANG_UPS} hang-ups)`, async () => {
    const random = fuzzSeed(`${which} hang-ups`, 19_002);
    const before = await api.snapshot();
    const bigPdf = Buffer.concat([pdf, Buffer.alloc(256 * 1024, 0x20)]);
    for (let i = 0; i < HANG_UPS; i++) {
      const form = goodForm(random, DELIVERS, random.next() < 0.5 ? pdf : bigPdf);
      const headers = { 'Content-Type': form.contentType, 'X-API-Key': key };
      await hangUpMidUpload(url, { path: '/fax', headers, body: form.body }, random.int(form.closingAt), random.next() < 0.5);
      await stillServing();
    }
    expect(await api.snapshot()).toEqual(before);
  });

  it(`refuses malformed multipart with a 4xx and keeps nothing (${BROKEN_FORMS} broken forms)`, async () => {
    const random = fuzzSeed(`${which} broken forms`, 19_003);
    const before = await api.snapshot();
    for (let i = 0; i < BROKEN_FORMS; i++) {
      const broken = brokenForm(random, DELIVERS, pdf);
      const reply = await postFax(broken.contentType, broken.body, broken.headers);
      expect({ case: broken.label, refused: reply.status >= 400 && reply.status < 500 }).toEqual({ case: broken.label, refused: true });
      // Node itself answers an oversize request header (431), before any Faxbot code runs.
      if (reply.status !== 431) expect(reply.json.detail, broken.label).toMatch(/^.{20,}\.$/);
      await stillServing();
    }
    expect(await api.snapshot()).toEqual(before);
  });

  it('answers a plugin settings body cut short or oversize with a 400, and survives one abandoned mid-upload', async () => {
    const random = fuzzSeed(`${which} plugin bodies`, 19_004);
    const path = '/plugins/simulator/config';
    const headers = { 'Content-Type': 'application/json', 'X-API-Key': key };
    // Valid JSON whose padding gives a hang-up room to land mid-body.
    const body = Buffer.from(`{"settings":{},"secrets":{}${' '.repeat(30_000)}}`);
    const saved = api.engine.plugins.store.read();
    for (let i = 0; i < 20; i++) {
      const cutAt = 1 + random.int(body.length - 1);
      const reply = await sendOverWire(url, { method: 'PUT', path, headers, body: body.subarray(0, cutAt) });
      expect({ cutAt, status: reply.status }).toEqual({ cutAt, status: 400 });
      expect(reply.json.detail).toMatch(/not JSON/);
    }
    for (let i = 0; i < 10; i++) {
      await hangUpMidUpload(url, { method: 'PUT', path, headers, body }, random.int(body.length), random.next() < 0.5);
      await stillServing();
    }
    const oversize = await sendOverWire(url, { method: 'PUT', path, headers, body: Buffer.alloc(100_000, 0x20) });
    expect(oversize.status).toBe(400);
    expect(oversize.json.detail).toMatch(/larger than 64 KB/);
    expect(api.engine.plugins.store.read()).toEqual(saved);
  });

  it(`a PDF download abandoned after a few KB logs no error and leaves no document open (${DOWNLOADS} downloads)`, async () => {
    const staged = await api.engine.call('stageDocument', {
      fileName: 'bulky.pdf',
      contentBase64: Buffer.from(await makeBulkyPdf()).toString('base64'),
    });
    const job = await api.engine.call('sendFax', { to: DELIVERS, recipientName: '', documentIds: [staged.documentId], cover: null });
    const documents = join(api.dataDir, 'documents');
    for (let i = 0; i < DOWNLOADS; i++) {
      expect(await abandonDownload(url, `/fax/${job.id}/pdf`, { 'X-API-Key': key }, 4096)).toBe(200);
      await stillServing();
    }
    if (openFilesUnder(documents) !== null) await vi.waitFor(() => expect(openFilesUnder(documents)).toEqual([]));
    const whole = await fetch(`${url}/fax/${job.id}/pdf`, { headers: { 'X-API-Key': key } });
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(500_000);
    expect(bytes.length).toBe(Number(whole.headers.get('content-length')));
  });
});
