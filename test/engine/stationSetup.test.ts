// The station set up once (issue 15): the practice's name, fax and phone number, country and
// paper, kept in the engine's settings with whether the setup was done or skipped; the cover
// page and the fax header use them, and an unset practice prints no made-up sender.
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Harness } from '../support/engineHarness';
import { probePdf, textLines } from '../imaging/pdfProbe';
import { countryOptions } from '../../shared/faxNumber';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function coverLines(h: Harness): Promise<string[]> {
  const preview = await h.engine.call('previewCoverPage', {
    to: '(202) 555-0143',
    recipientName: 'Dr. Amy Lee',
    pages: 1,
    cover: { subject: '', notes: '' },
  });
  const pages = await probePdf(new Uint8Array(Buffer.from(preview.pdfBase64, 'base64')));
  return textLines(pages[0]);
}

describe('the station setup in the engine’s settings', () => {
  it('starts not done, with no practice name made up', async () => {
    harness = await startEngine();
    const settings = await harness.engine.call('getSettings', {});
    expect(settings).toMatchObject({ stationSetup: null, stationName: '', stationPhone: '', stationNumber: '' });
  });

  it('keeps the practice, its numbers in E.164, country and paper, and that setup was done, across a restart', async () => {
    harness = await startEngine();
    const saved = await harness.engine.call('updateSettings', {
      stationName: '  Northside Clinic ',
      stationNumber: '(202) 555-0177',
      stationPhone: '202-555-0199',
      defaultCountry: 'US',
      paperSize: 'a4',
      stationSetup: 'done',
    });
    expect(saved).toMatchObject({ stationName: 'Northside Clinic', stationNumber: '+12025550177', stationPhone: '+12025550199' });
    const dataDir = harness.dataDir;
    await harness.close();
    harness = await startEngine({}, dataDir);
    expect(await harness.engine.call('getSettings', {})).toMatchObject({
      stationName: 'Northside Clinic',
      stationPhone: '+12025550199',
      paperSize: 'a4',
      stationSetup: 'done',
    });
  });

  it('keeps a skip, so the setup is not offered again', async () => {
    harness = await startEngine();
    expect((await harness.engine.call('updateSettings', { stationSetup: 'skipped' })).stationSetup).toBe('skipped');
  });

  it('refuses a bad phone number with a sentence naming the field, and saves none of the setup', async () => {
    harness = await startEngine();
    const refused = harness.engine.call('updateSettings', { stationName: 'Northside Clinic', stationPhone: '555', stationSetup: 'done' });
    await expect(refused).rejects.toMatchObject({ code: 'invalid_number', field: 'stationPhone' });
    await expect(refused).rejects.toThrow(/^The practice's phone number: .*(short|digits|area code)/i);
    expect(await harness.engine.call('getSettings', {})).toMatchObject({ stationSetup: null, stationName: '' });
  });

  it('refuses a country it does not know, and a setup state that is not one', async () => {
    harness = await startEngine();
    await expect(harness.engine.call('updateSettings', { defaultCountry: 'XX' })).rejects.toThrow(
      /XX is not a country code Faxbot knows: use two letters such as US, CA or GB/,
    );
    await expect(harness.engine.call('updateSettings', { stationSetup: 'maybe' as never })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { stationSetup: expect.any(String) },
    });
  });
});

describe('the cover page and the fax header', () => {
  it('print no sender at all for an unset practice, never "FROM Faxbot" over an empty fax line', async () => {
    harness = await startEngine();
    const lines = await coverLines(harness);
    expect(lines.join('\n')).not.toMatch(/FROM|Faxbot/);
    expect(lines.join('\n')).toMatch(/TO\s*Dr\. Amy Lee/);
  });

  it('print the practice as set up: FROM its name, its fax line and its phone for call-backs', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', {
      stationName: 'Northside Clinic',
      stationNumber: '(202) 555-0177',
      stationPhone: '(202) 555-0199',
    });
    const text = (await coverLines(harness)).join('\n');
    expect(text).toMatch(/FROM\s*Northside Clinic/);
    expect(text).toMatch(/FAX\s*\(202\) 555-0177/);
    expect(text).toMatch(/PHONE\s*\(202\) 555-0199/);
  });

  it('give the simulator the practice name as the fax header when no header text is set', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { stationName: 'Northside Clinic', stationNumber: '(202) 555-0177' });
    // A fax to the station's own number comes back with the station id the header sent.
    const job = await harness.send('+12025550177');
    const fax = await harness.waitForInbound((f) => f.from === '+12025550177');
    expect(fax.fromName).toBe('Northside Clinic');
    expect(job.to).toBe('+12025550177');
  });
});

describe('the country list', () => {
  it('names every country a number can be read in, sorted by name', () => {
    const options = countryOptions('en');
    expect(options.length).toBeGreaterThan(200);
    expect(options.find((c) => c.code === 'GB')?.name).toBe('United Kingdom');
    expect(options.find((c) => c.code === 'US')?.name).toBe('United States');
    const names = options.map((c) => c.name);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
  });
});
