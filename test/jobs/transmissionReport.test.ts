import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { dispatch } from '../../main/engine';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import { isFinalStatus } from '../../shared/jobState';
import { allText, probePdf } from '../imaging/pdfProbe';
import { documentIdOf, startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const final = (job: { status: Parameters<typeof isFinalStatus>[0] }) => isFinalStatus(job.status);

async function reportOf(h: Harness, id: string) {
  const report = await h.engine.call('getTransmissionReport', { id });
  const pdf = new Uint8Array(Buffer.from(report.pdfBase64, 'base64'));
  return { fileName: report.fileName, pdf, pages: await probePdf(pdf) };
}

/** The image XObjects drawn on each page (the first-page picture). */
async function imagesOn(pdf: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(pdf);
  const xobjects = doc.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return [];
  return xobjects.keys().flatMap((key) => {
    const stream = xobjects.lookup(key);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Subtype'))?.toString() !== '/Image') return [];
    return [
      {
        width: Number(stream.dict.get(PDFName.of('Width'))?.toString()),
        height: Number(stream.dict.get(PDFName.of('Height'))?.toString()),
      },
    ];
  });
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the operation to be refused');
}

describe('the transmission report of a finished fax', () => {
  it('confirms a delivered fax on one page: number, name, pages, result, provider, and a picture of page 1', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { stationName: 'Front Desk', stationNumber: '(202) 555-0177' });
    const documentId = await harness.stagePdf(2);
    const job = await harness.engine.call('sendFax', {
      to: '(202) 555-0143',
      recipientName: 'Adams Family Practice',
      documentIds: [documentId],
      cover: null,
    });
    const done = await harness.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');

    const report = await reportOf(harness, job.id);
    expect(report.pages).toHaveLength(1);
    expect([report.pages[0].width, report.pages[0].height]).toEqual([612, 792]);
    const text = allText(report.pages);
    expect(text).toContain('TRANSMISSION REPORT');
    expect(text).toContain('Fax confirmation');
    expect(text).toContain('Front Desk');
    expect(text).toContain('(202) 555-0177');
    expect(text).toContain('Adams Family Practice, (202) 555-0143');
    expect(text).toContain('OK — delivered');
    expect(text).toContain('2 sent of 2');
    expect(text).toContain('Simulator');
    expect(text).toContain(done.providerFaxId!);
    // People read dates, not ISO stamps.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).toMatch(/[A-Z][a-z]+ \d{1,2}, \d{4}(,| at) \d{1,2}:\d{2}/);
    const images = await imagesOn(report.pdf);
    expect(images).toHaveLength(1);
    expect(images[0].width).toBe(612);
    expect(images[0].height).toBe(792);
    expect(report.fileName).toBe('transmission report (202) 555-0143.pdf');
  });

  it('gives the reason for a failed fax and prints on A4 when that is the paper', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { paperSize: 'a4', stationName: '', stationNumber: '' });
    const job = await harness.send(SIMULATOR_NUMBERS.notAFax, { pages: 1 });
    const done = await harness.waitForJob(job.id, final);
    expect(done.status).toBe('failed');

    const report = await reportOf(harness, job.id);
    expect(report.pages).toHaveLength(1);
    expect(Math.round(report.pages[0].width)).toBe(595);
    const text = allText(report.pages).replace(/\s+/g, ' ');
    expect(text).toContain('Failed —');
    // The first words of the failure the job recorded appear on the report.
    expect(text).toContain(done.lastError!.message.split(' ').slice(0, 4).join(' '));
    expect(text).toContain('(202) 555-0133');
    expect(text).toContain('0 sent of 1');
    expect(text).toContain('Station name and number not set');
    expect(await imagesOn(report.pdf)).toHaveLength(1);
  });

  it('still reports a fax whose document is no longer stored, saying why there is no picture', async () => {
    harness = await startEngine();
    const job = await harness.send('(202) 555-0143', { pages: 1 });
    await harness.waitForJob(job.id, final);
    rmSync(join(harness.dataDir, 'documents', `${documentIdOf(harness.dataDir, 'fax_jobs', job.id)}.bin`));

    const report = await reportOf(harness, job.id);
    expect(allText(report.pages)).toContain('the document is no longer stored');
    expect(await imagesOn(report.pdf)).toHaveLength(0);
  });

  it('refuses a fax that is still being sent, a canceled one, and an unknown one', async () => {
    // A busy line with a retry an hour away: the job waits in the queue, unfinished.
    harness = await startEngine({ retryBaseMs: 3_600_000, retryMaxMs: 3_600_000 });
    const job = await harness.send(SIMULATOR_NUMBERS.busyOnce);
    await harness.waitForJob(job.id, (j) => j.status === 'queued' && j.attempts === 1);
    const waiting = await refusal(harness.engine.call('getTransmissionReport', { id: job.id }));
    expect(waiting).toMatchObject({ code: 'wrong_state' });
    expect(waiting.message).toMatch(/still being sent/);

    await harness.engine.call('cancelJob', { id: job.id });
    const canceled = await refusal(harness.engine.call('getTransmissionReport', { id: job.id }));
    expect(canceled).toMatchObject({ code: 'wrong_state' });
    expect(canceled.message).toMatch(/canceled before it was sent/);

    expect(await refusal(harness.engine.call('getTransmissionReport', { id: 'no-such-job' }))).toMatchObject({ code: 'not_found' });
  });

  it.each([{}, { id: '' }, { id: 7 }, { id: 'a/b' }, { id: 'x'.repeat(65) }])('refuses %j with a field error', async (payload) => {
    harness = await startEngine();
    const reply = await dispatch(harness.engine, 'getTransmissionReport', payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!reply.ok) expect(Object.keys(reply.error.fields ?? {})).toContain('id');
  });
});

describe('the first-page picture (imaging’s renderPageImage)', () => {
  it('draws the asked page as a greyscale PNG of the asked width', async () => {
    const { renderPageImage } = await import('../../main/engine/imaging');
    const { makeTestPdf } = await import('../support/pdfs');
    const png = await renderPageImage(await makeTestPdf(2), 1, { widthPx: 306 });
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const header = Buffer.from(png.subarray(16, 26));
    expect([header.readUInt32BE(0), header.readUInt32BE(4)]).toEqual([306, 396]);
    expect(header[9]).toBe(0); // colour type 0: greyscale
  });

  it('refuses a page that is not there, a silly width, and bytes that are not a PDF', async () => {
    const { renderPageImage } = await import('../../main/engine/imaging');
    const { makeTestPdf } = await import('../support/pdfs');
    const pdf = await makeTestPdf(1);
    await expect(renderPageImage(pdf, 1, { widthPx: 100 })).rejects.toMatchObject({ code: 'pdf_damaged' });
    await expect(renderPageImage(pdf, -1, { widthPx: 100 })).rejects.toMatchObject({ code: 'invalid_input', field: 'pageIndex' });
    await expect(renderPageImage(pdf, 0, { widthPx: 0 })).rejects.toMatchObject({ code: 'invalid_input', field: 'widthPx' });
    await expect(renderPageImage(pdf, 0, { widthPx: 1e9 })).rejects.toMatchObject({ code: 'invalid_input', field: 'widthPx' });
    await expect(renderPageImage(new Uint8Array(0), 0, { widthPx: 100 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(renderPageImage(new TextEncoder().encode('not a pdf at all'), 0, { widthPx: 100 })).rejects.toMatchObject({
      code: 'pdf_damaged',
    });
  });
});
