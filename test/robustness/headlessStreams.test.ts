// The headless server's own streams: RPC bodies cut short or abandoned, event streams whose
// tab goes away or whose server closes while an event is on its way, and window files whose
// download is abandoned. The engine keeps answering, nothing is kept, nothing is logged as an
// error, no file is left open, and no error goes unheard.
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHeadlessServer } from '../../main/headless';
import { startTestServer, type TestServer } from '../headless/fixtures';
import { makeTestPdf } from '../support/pdfs';
import { abandonDownload, fuzzSeed, hangUpMidUpload, openFilesUnder, sendOverWire, failOnUnheardErrors } from './wire';

const CUTS = 60;
const HANG_UPS = 30;

describe('headless server: no stream error stops the engine', () => {
  let t: TestServer;
  let stageBody: Buffer;
  const logLines: string[] = [];
  failOnUnheardErrors(logLines);

  beforeAll(async () => {
    t = await startTestServer({ logLines });
    // A real document, padded so a hang-up has room to land part-way through the upload.
    const pdf = Buffer.concat([Buffer.from(await makeTestPdf(1)), Buffer.alloc(200 * 1024, 0x20)]);
    stageBody = Buffer.from(JSON.stringify({ fileName: 'referral.pdf', contentBase64: pdf.toString('base64') }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const auth = () => ({ Authorization: `Bearer ${t.server.token}`, 'Content-Type': 'application/json' });
  const stillServing = async () => expect((await t.rpc('getStatus', {})).status).toBe(200);
  const kept = async () => ({
    jobs: (await t.engine.call('listJobs', { limit: 1 })).total,
    documents: readdirSync(join(t.base, 'data', 'documents')).sort(),
  });

  it('stages the document whole (the cases below only break it)', async () => {
    const reply = await sendOverWire(t.server.url, { path: '/rpc/stageDocument', headers: auth(), body: stageBody });
    expect(reply.status).toBe(200);
    await t.engine.call('discardStagedDocument', { documentId: reply.json.result.documentId });
  });

  it(`answers an RPC body cut short with a 400 {ok:false} reply and keeps nothing (${CUTS} cuts)`, async () => {
    const random = fuzzSeed('rpc cut bodies', 19_101);
    const before = await kept();
    for (let i = 0; i < CUTS; i++) {
      const cutAt = random.int(stageBody.length);
      const reply = await sendOverWire(t.server.url, { path: '/rpc/stageDocument', headers: auth(), body: stageBody.subarray(0, cutAt) });
      expect({ cutAt, status: reply.status, ok: reply.json?.ok, code: reply.json?.error?.code }).toEqual({
        cutAt,
        status: 400,
        ok: false,
        code: 'invalid_input',
      });
      await stillServing();
    }
    expect(await kept()).toEqual(before);
  });

  it(`survives RPC clients that hang up mid-upload, keeping nothing (${HANG_UPS} hang-ups)`, async () => {
    const random = fuzzSeed('rpc hang-ups', 19_102);
    const before = await kept();
    for (let i = 0; i < HANG_UPS; i++) {
      const request = { path: '/rpc/stageDocument', headers: auth(), body: stageBody };
      await hangUpMidUpload(t.server.url, request, random.int(stageBody.length), random.next() < 0.5);
      await stillServing();
    }
    expect(await kept()).toEqual(before);
  });

  it('survives event-stream tabs that close while events are flowing, and leaves no stream behind', async () => {
    const random = fuzzSeed('event tabs', 19_103);
    for (let i = 0; i < 20; i++) {
      const status = abandonDownload(t.server.url, `/events?token=${t.server.token}`, {}, random.int(4));
      // Events on their way while the tab goes.
      await t.engine.call('updateSettings', { stationName: `Front desk ${i}` });
      expect(await status).toBe(200);
    }
    await vi.waitFor(() => expect(t.server.openEventStreams).toBe(0));
    await stillServing();
  });

  it('closing the server while an event is on its way raises no unheard error', async () => {
    const second = await startHeadlessServer({ engine: t.engine, port: 0, host: '127.0.0.1', rendererDir: join(t.base, 'renderer') });
    const tabs = Array.from({ length: 3 }, () => sendOverWire(second.url, { method: 'GET', path: `/events?token=${second.token}` }));
    await vi.waitFor(() => expect(second.openEventStreams).toBe(3));
    const closing = second.close();
    // Emitted synchronously, after the streams were ended and before their sockets report closed.
    void t.engine.call('updateSettings', { stationName: 'Night desk' });
    await closing;
    for (const tab of tabs) expect((await tab).status).toBe(200);
    await stillServing();
  });

  it('a window file whose download is abandoned is closed at once', async () => {
    const rendererDir = join(t.base, 'renderer');
    await writeFile(join(rendererDir, 'assets', 'big.js'), Buffer.alloc(3 * 1024 * 1024, 0x2f));
    for (let i = 0; i < 5; i++) expect(await abandonDownload(t.server.url, '/assets/big.js', {}, 4096)).toBe(200);
    if (openFilesUnder(rendererDir) !== null) await vi.waitFor(() => expect(openFilesUnder(rendererDir)).toEqual([]));
    const whole = await fetch(`${t.server.url}/assets/big.js`);
    expect((await whole.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
  });
});
