// The desk's cover page stores over the real HTTP bridge and a real engine: Settings → Cover
// pages' editor (its live preview, a refused logo that leaves the draft as it was, save and
// delete), Send's template picker and what it says, and the contact form keeping a contact's
// default template when it saves (it used to send null and clear it).
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../renderer/src/stores';
import { logoPng, pdfImages, pdftotext } from '../covers/coverFixtures';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, whenStore, type DeskEngine } from './deskEngine';

let running: DeskEngine | null = null;
let stop: (() => void) | null = null;
afterEach(async () => {
  stop?.();
  await running?.close();
  running = null;
  stop = null;
});

async function openDesk(): Promise<Desk> {
  running = await startDeskEngine();
  const desk = createDesk(running.api);
  stop = desk.start();
  return desk;
}

const text = (pdfBase64: string) => pdftotext(new Uint8Array(Buffer.from(pdfBase64, 'base64')));

describe('Settings → Cover pages', () => {
  it('draws the draft as it is typed, refuses an SVG logo without losing the draft, saves and deletes', async () => {
    const d = await openDesk();
    const covers = d.coverTemplates;
    covers.getState().startNew();
    covers.getState().setName('Letterhead');
    covers.getState().setPractice('name', 'Riverside Family Clinic');
    const drawn = await whenStore(covers, (s) => s.preview.state === 'ready', 'the preview is drawn');
    expect(text(drawn.preview.pdfBase64!)).toContain('Riverside Family Clinic');

    expect(await covers.getState().chooseLogo(droppedFile('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(false);
    expect(covers.getState().fieldErrors.logo).toMatch(/^logo\.svg is an SVG drawing, not a picture Faxbot can put on a cover page/);
    expect(covers.getState().editing).toMatchObject({ name: 'Letterhead', logo: 'keep' });

    expect(await covers.getState().chooseLogo(droppedFile('logo.png', logoPng()))).toBe(true);
    expect(covers.getState().fieldErrors.logo).toBeUndefined();
    const withLogo = await whenStore(covers, (s) => s.preview.version > drawn.preview.version, 'the preview shows the logo');
    expect(pdfImages(new Uint8Array(Buffer.from(withLogo.preview.pdfBase64!, 'base64')))).toEqual([{ width: 300, height: 120 }]);

    const saved = await covers.getState().save();
    expect(saved).toMatchObject({ name: 'Letterhead', logo: { width: 300, height: 120 } });
    expect(covers.getState()).toMatchObject({ editing: null, notice: '“Letterhead” was saved.' });
    expect(covers.getState().items.map((t) => t.name)).toEqual(['Plain', 'Letterhead']);

    // A second one with the same name: the sentence goes beside the name field, the draft stays.
    covers.getState().startNew('confidential');
    covers.getState().setName('letterhead');
    expect(await covers.getState().save()).toBeNull();
    expect(covers.getState().fieldErrors.name).toBe('There is already a template named “Letterhead”.');
    expect(covers.getState().editing).not.toBeNull();
    covers.getState().cancel();

    expect(await covers.getState().remove(saved!.id)).toBe(true);
    expect(covers.getState().notice).toBe('“Letterhead” was deleted.');
    expect(covers.getState().items.map((t) => t.name)).toEqual(['Plain']);
  });
});

describe('Send and the contact form', () => {
  it('offers the templates on Send, says whose default is used, and sends the picked one', async () => {
    const d = await openDesk();
    const template = await d.api.saveCoverTemplate({
      name: 'Letterhead',
      layout: 'letterhead',
      practice: { name: 'Riverside Family Clinic' },
    });
    await whenStore(d.coverTemplates, (s) => s.items.length === 2, 'the picker lists the new template');
    await d.api.saveContact({ name: 'Dr. Amy Lee', fax: '(202) 555-0143', coverTemplateId: template.id });

    const send = d.send;
    await send.getState().addFiles([droppedFile('chart.pdf', await makeTestPdf(1))]);
    send.getState().setTo('(202) 555-0143');
    send.getState().setCover(true);
    const byContact = await whenStore(send, (s) => s.coverPreview.template?.source === 'contact', "the contact's default is drawn");
    expect(byContact.coverPreview.template).toMatchObject({ name: 'Letterhead', contactName: 'Dr. Amy Lee' });

    send.getState().setCoverTemplate('plain');
    await whenStore(send, (s) => s.coverPreview.template?.source === 'chosen', 'the picked plain cover is drawn');
    send.getState().setCoverTemplate(template.id);
    await whenStore(
      send,
      (s) => s.coverPreview.template?.id === template.id && s.coverPreview.template.source === 'chosen',
      'the pick is drawn',
    );
    const job = await send.getState().send('US');
    const { pdfBase64 } = await d.api.getJobDocument({ id: job!.id });
    expect(text(pdfBase64)).toContain('Riverside Family Clinic');
    // A new fax starts with nothing picked.
    expect(send.getState().coverTemplateId).toBeNull();
  });

  it("keeps a contact's default template when the contact form saves another change", async () => {
    const d = await openDesk();
    const template = await d.api.saveCoverTemplate({ name: 'Letterhead', layout: 'letterhead' });
    const contact = await d.api.saveContact({ name: 'Dr. Amy Lee', fax: '(202) 555-0143', coverTemplateId: template.id });
    d.contacts.getState().edit(contact);
    expect(d.contacts.getState().form?.coverTemplateId).toBe(template.id);
    d.contacts.getState().setField('notes', 'Referrals only');
    const saved = await d.contacts.getState().save();
    expect(saved).toMatchObject({ notes: 'Referrals only', coverTemplateId: template.id });
    // Chosen in the form: a template that does not exist is refused beside the field.
    d.contacts.getState().edit(saved);
    d.contacts.getState().setField('coverTemplateId', 'no-such');
    expect(await d.contacts.getState().save()).toBeNull();
    expect(d.contacts.getState().formErrors.coverTemplateId).toMatch(/^There is no cover page template no-such/);
  });
});
