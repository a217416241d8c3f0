// Cover page templates through a real engine on a real data folder: saved with their logo
// sealed (no picture in the clear anywhere in the folder), refused whole when anything is
// wrong, audited, kept across a restart, and used when a fax goes out: the one chosen, else the
// contact's default, else plain — and a contact whose template was deleted gets plain, told so.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { callOperation } from '../../main/engine/rpc';
import type { OperationName } from '../../shared/contract';
import { FaxError } from '../../shared/errors';
import { startEngine, documentIdOf, type Harness } from '../support/engineHarness';
import { logoJpeg, logoPng, pdfImages, pdftotext } from './coverFixtures';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const call = <N extends OperationName>(name: N, raw: unknown) => callOperation(harness!.engine, name, raw);

async function refused(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

const LETTERHEAD = {
  name: 'Letterhead',
  layout: 'letterhead',
  practice: { name: 'Riverside Family Clinic', address: '12 River Road', phone: '(217) 555-0100', fax: '', email: '' },
  logo: { fileName: 'logo.png', contentBase64: logoPng().toString('base64') },
};

/** Every file under the data folder, read whole (the SQLite file and its WAL included). */
function folderBytes(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? folderBytes(path) : [readFileSync(path)];
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function sentCover(h: Harness, args: { to: string; recipientName?: string; templateId?: string | null }): Promise<Uint8Array> {
  const documentId = await h.stagePdf(1, 'chart.pdf');
  const job = await h.engine.call('sendFax', {
    to: args.to,
    recipientName: args.recipientName ?? '',
    documentIds: [documentId],
    cover: { subject: 'Referral', notes: '', templateId: args.templateId },
  });
  const { pdfBase64 } = await h.engine.call('getJobDocument', { id: job.id });
  return new Uint8Array(Buffer.from(pdfBase64, 'base64'));
}

describe('saving cover page templates', () => {
  it('keeps the logo sealed: no PNG in the clear anywhere in the data folder, and the row holds a sealed envelope', async () => {
    harness = await startEngine();
    const saved = await call('saveCoverTemplate', LETTERHEAD);
    expect(saved).toMatchObject({ name: 'Letterhead', layout: 'letterhead', builtin: false, logo: { width: 300, height: 120 } });
    await harness.close();
    const dataDir = harness.dataDir;
    harness = null;
    for (const bytes of folderBytes(dataDir)) expect(bytes.includes(PNG_SIGNATURE)).toBe(false);
    const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
    const row = db.prepare('SELECT logo FROM cover_templates WHERE id = ?').get(saved.id) as { logo: Buffer };
    db.close();
    expect(row.logo.subarray(0, 4).toString()).toBe('FXE2');

    // Reopened: the template and its logo are still there, and the logo opens.
    harness = await startEngine({}, dataDir);
    const again = await call('getCoverTemplate', { id: saved.id });
    expect(again).toMatchObject({ name: 'Letterhead', logo: { width: 300, height: 120 } });
    const preview = await call('previewCoverTemplate', { template: { ...LETTERHEAD, id: saved.id, logo: 'keep' } });
    expect(pdfImages(Buffer.from(preview.pdfBase64, 'base64'))).toEqual([{ width: 300, height: 120 }]);
  });

  it('lists the built-in plain cover first, which can be neither changed nor deleted', async () => {
    harness = await startEngine();
    await call('saveCoverTemplate', { ...LETTERHEAD, logo: null });
    await call('saveCoverTemplate', { name: 'Confidential', layout: 'confidential', notice: 'For the named recipient only.' });
    const { items } = await call('listCoverTemplates', {});
    expect(items.map((t) => [t.name, t.builtin])).toEqual([
      ['Plain', true],
      ['Confidential', false],
      ['Letterhead', false],
    ]);
    expect((await refused(call('saveCoverTemplate', { id: 'plain', name: 'Mine', layout: 'plain' }))).message).toBe(
      'The plain cover page is built in and cannot be changed: add a new template instead.',
    );
    expect((await refused(call('deleteCoverTemplate', { id: 'plain' }))).code).toBe('wrong_state');
  });

  it('refuses an empty name and a name already taken (whatever its case, Plain too), saving nothing', async () => {
    harness = await startEngine();
    await call('saveCoverTemplate', { ...LETTERHEAD, logo: null });
    const empty = await refused(call('saveCoverTemplate', { ...LETTERHEAD, name: '   ' }));
    expect(empty.code).toBe('invalid_input');
    expect(empty.fields?.name).toBe('give the template a name, such as Letterhead');
    for (const name of ['letterhead', ' LETTERHEAD ', 'plain']) {
      const taken = await refused(call('saveCoverTemplate', { ...LETTERHEAD, name }));
      expect(taken.message).toMatch(/^There is already a template named “(Letterhead|Plain)”: give this one another name\.$/);
      expect(taken.fields).toHaveProperty('name');
    }
    expect((await call('listCoverTemplates', {})).items).toHaveLength(2);
    const tooLong = await refused(call('saveCoverTemplate', { ...LETTERHEAD, name: 'x'.repeat(81) }));
    expect(tooLong.fields?.name).toBe('a template name is at most 80 characters');
  });

  it('refuses a bad logo and leaves the template, and its old logo, exactly as they were', async () => {
    harness = await startEngine();
    const saved = await call('saveCoverTemplate', LETTERHEAD);
    const png = logoPng();
    for (const [fileName, bytes, message] of [
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), /^logo\.svg is an SVG drawing, not a picture/],
      ['cut.png', png.subarray(0, png.length - 30), /^cut\.png is a damaged PNG picture/],
      ['cut.jpg', logoJpeg().subarray(0, 300), /^cut\.jpg is a damaged JPEG picture/],
      ['huge.png', Buffer.concat([png, Buffer.alloc(2_200_000)]), /more than the 2 MB a logo can be/],
    ] as const) {
      const error = await refused(
        call('saveCoverTemplate', {
          ...LETTERHEAD,
          id: saved.id,
          name: 'Renamed',
          logo: { fileName, contentBase64: Buffer.from(bytes).toString('base64') },
        }),
      );
      expect(error.message).toMatch(message);
      expect(error.field).toBe('logo');
      expect(await call('getCoverTemplate', { id: saved.id })).toEqual(saved);
    }
    // A new template with a bad logo is not created at all.
    await refused(
      call('saveCoverTemplate', {
        ...LETTERHEAD,
        name: 'Other',
        logo: { fileName: 'x.svg', contentBase64: Buffer.from('<svg/>').toString('base64') },
      }),
    );
    expect((await call('listCoverTemplates', {})).items.map((t) => t.name)).toEqual(['Plain', 'Letterhead']);
    expect(harness.engine.audit.recent(50, 'cover_template_changed')).toHaveLength(0);
  });

  it('records every change in the audit log: names of what changed, never the practice details', async () => {
    harness = await startEngine();
    const saved = await call('saveCoverTemplate', LETTERHEAD);
    await call('saveCoverTemplate', { ...LETTERHEAD, id: saved.id, logo: 'keep' }); // nothing changed: no entry
    await call('saveCoverTemplate', {
      ...LETTERHEAD,
      id: saved.id,
      practice: { ...LETTERHEAD.practice, address: '14 River Road' },
      logo: null,
    });
    await call('deleteCoverTemplate', { id: saved.id });
    const audit = harness.engine.audit;
    expect(audit.recent(10, 'cover_template_created')).toMatchObject([
      { actor: 'window', target: saved.id, details: { name: 'Letterhead' } },
    ]);
    expect(audit.recent(10, 'cover_template_changed')).toMatchObject([
      { target: saved.id, details: { name: 'Letterhead', changed: ['practice details', 'logo'] } },
    ]);
    expect(audit.recent(10, 'cover_template_deleted')).toMatchObject([{ target: saved.id, details: { name: 'Letterhead', contacts: 0 } }]);
    expect(JSON.stringify(audit.recent(50))).not.toMatch(/River Road|555-0100/);
  });
});

describe('the cover a fax gets', () => {
  it('uses the template chosen for the fax: its practice details and logo are on the sent cover', async () => {
    harness = await startEngine();
    const saved = await call('saveCoverTemplate', LETTERHEAD);
    const pdf = await sentCover(harness, { to: '+12025550143', recipientName: 'Dr. Amy Lee', templateId: saved.id });
    const text = pdftotext(pdf);
    expect(text).toContain('Riverside Family Clinic');
    expect(text).toContain('Dr. Amy Lee');
    expect(pdfImages(pdf)).toEqual([{ width: 300, height: 120 }]);
  });

  it("uses the contact's default when nothing is chosen, and the chosen one over it", async () => {
    harness = await startEngine();
    const letterhead = await call('saveCoverTemplate', LETTERHEAD);
    const confidential = await call('saveCoverTemplate', {
      name: 'Confidential',
      layout: 'confidential',
      notice: 'Only for the named recipient.',
    });
    await call('saveContact', { name: 'Dr. Amy Lee', fax: '(202) 555-0143', coverTemplateId: letterhead.id });
    expect(pdftotext(await sentCover(harness, { to: '+12025550143' }))).toContain('Riverside Family Clinic');
    const chosen = pdftotext(await sentCover(harness, { to: '+12025550143', templateId: confidential.id }));
    expect(chosen).toContain('CONFIDENTIALITY NOTICE');
    expect(chosen).not.toContain('Riverside Family Clinic');
    // Plain chosen beats the contact's letterhead too.
    expect(pdftotext(await sentCover(harness, { to: '+12025550143', templateId: 'plain' }))).not.toContain('Riverside');
    // Another number: plain.
    expect(pdftotext(await sentCover(harness, { to: '+12025550150' }))).not.toContain('Riverside');

    const preview = await call('previewCoverPage', { to: '(202) 555-0143', pages: 1, cover: {} });
    expect(preview.template).toEqual({
      id: letterhead.id,
      name: 'Letterhead',
      source: 'contact',
      notice: null,
      contactName: 'Dr. Amy Lee',
    });
    expect((await call('getCoverTemplate', { id: letterhead.id })).contacts).toBe(1);
  });

  it('falls back to plain for a contact whose template was deleted, and the preview says so', async () => {
    harness = await startEngine();
    const letterhead = await call('saveCoverTemplate', LETTERHEAD);
    const contact = await call('saveContact', { name: 'Dr. Amy Lee', fax: '(202) 555-0143', coverTemplateId: letterhead.id });
    const deleted = await call('deleteCoverTemplate', { id: letterhead.id });
    expect(deleted).toEqual({
      id: letterhead.id,
      contacts: 1,
      message:
        '“Letterhead” was deleted. 1 contact had it as its default: faxes to them now get the plain cover page until another template is chosen in Contacts.',
    });
    const preview = await call('previewCoverPage', { to: '(202) 555-0143', pages: 1, cover: {} });
    expect(preview.template).toMatchObject({ id: 'plain', source: 'plain', contactName: 'Dr. Amy Lee' });
    expect(preview.template.notice).toBe(
      "Dr. Amy Lee's default cover page template was deleted, so the plain cover page is used. Choose another one for Dr. Amy Lee in Contacts, or pick a template here.",
    );
    const pdf = await sentCover(harness, { to: '+12025550143' });
    expect(pdftotext(pdf)).not.toContain('Riverside');
    expect(pdfImages(pdf)).toEqual([]);
    // The contact can still be edited without choosing again; a new unknown template is refused.
    await call('saveContact', { id: contact.id, name: 'Dr. Amy Lee-Park', fax: '(202) 555-0143', coverTemplateId: letterhead.id });
    const unknown = await refused(
      call('saveContact', { id: contact.id, name: 'Dr. Amy Lee', fax: '(202) 555-0143', coverTemplateId: 'no-such' }),
    );
    expect(unknown.fields?.coverTemplateId).toBe(
      'There is no cover page template no-such: it may have been deleted. Choose one from Settings → Cover pages, or none for the plain cover.',
    );
    expect((await call('getContact', { id: contact.id })).name).toBe('Dr. Amy Lee-Park');
  });

  it('refuses a fax whose chosen template does not exist, and queues nothing', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(1);
    const error = await refused(
      call('sendFax', { to: '+12025550143', documentIds: [documentId], cover: { subject: '', notes: '', templateId: 'gone' } }),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(
      'There is no cover page template gone: it may have been deleted. Choose another template for the cover page.',
    );
    expect((await call('listJobs', {})).total).toBe(0);
    // The staged document is still there to send once a template is chosen.
    const job = await call('sendFax', { to: '+12025550143', documentIds: [documentId], cover: { templateId: 'plain' } });
    expect(documentIdOf(harness.dataDir, 'fax_jobs', job.id)).toBeTruthy();
  });
});
