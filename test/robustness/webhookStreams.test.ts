// The webhook listener (the one server the internet reaches, through the tunnel) against
// provider callbacks cut short, a received fax's file part cut inside the document, and
// senders that hang up mid-upload: a cut gets a bare 400, no event is claimed (so the
// provider's retry is still applied), nothing is logged as an error, and the listener keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdf } from '../support/pdfs';
import { count, multipart, signRequest, startListener, TEST_PROVIDER, type ListenerFixture } from '../webhooks/listenerFixture';
import { fuzzSeed, hangUpMidUpload, sendOverWire, failOnUnheardErrors } from './wire';

const CUTS = 60;
const HANG_UPS = 30;

describe('webhook listener: no stream error stops the engine', () => {
  let fx: ListenerFixture;
  let path: string;
  let request: { headers: Record<string, string>; body: Buffer };
  let closingAt: number;
  const logLines: string[] = [];
  failOnUnheardErrors(logLines);

  beforeAll(async () => {
    fx = await startListener({ publicUrl: 'loopback', logLines });
    path = `/${fx.secret}/${TEST_PROVIDER}/inbound`;
    // A received fax as a provider posts it: a field, then the document as a file part.
    const pdf = Buffer.concat([Buffer.from(await makeTestPdf(1)), Buffer.alloc(200 * 1024, 0x20)]);
    const fields = [{ name: 'fax_id', value: 'fx-robust-1' }];
    const body = multipart('zz', fields, [{ name: 'file', fileName: 'fax.pdf', data: pdf }]);
    closingAt = body.length - '\r\n--zz--\r\n'.length;
    request = {
      headers: {
        'Content-Type': 'multipart/form-data; boundary=zz',
        'X-Test-Signature': signRequest(fx.base + path, fields, [{ name: 'file', data: pdf }]),
      },
      body,
    };
  });
  afterAll(async () => {
    await fx?.close();
  });

  const nothingClaimed = () => {
    expect(count(fx.db, 'webhook_events')).toBe(0);
    expect(fx.received).toEqual([]);
  };
  // Any address but a provider's route is a bare 404: the listener is answering.
  const stillServing = async () => expect((await sendOverWire(fx.base, { method: 'GET', path: '/' })).status).toBe(404);

  it(`answers a callback cut short (in the file part too) with a 400 and claims nothing (${CUTS} cuts)`, async () => {
    const random = fuzzSeed('webhook cut bodies', 19_301);
    for (let i = 0; i < CUTS; i++) {
      const cutAt = random.int(closingAt + 1);
      const reply = await sendOverWire(fx.base, { path, headers: request.headers, body: request.body.subarray(0, cutAt) });
      expect({ cutAt, status: reply.status }).toEqual({ cutAt, status: 400 });
    }
    await fx.service.listener.settled();
    nothingClaimed();
  });

  it(`survives senders that hang up mid-upload, claiming nothing (${HANG_UPS} hang-ups)`, async () => {
    const random = fuzzSeed('webhook hang-ups', 19_302);
    for (let i = 0; i < HANG_UPS; i++) {
      await hangUpMidUpload(fx.base, { path, ...request }, random.int(request.body.length), random.next() < 0.5);
      await stillServing();
    }
    await fx.service.listener.settled();
    nothingClaimed();
  });

  it('applies the same callback when it finally arrives whole (nothing earlier claimed it)', async () => {
    const reply = await sendOverWire(fx.base, { path, ...request });
    expect(reply.status).toBe(200);
    await fx.service.listener.settled();
    expect(fx.received.map((fax) => fax.providerFaxId)).toEqual(['fx-robust-1']);
  });
});
