// The desk's contact stores over the real HTTP bridge and a real engine: the Contacts
// screen's list, search, form errors, delete with Undo and groups; the import dialog's
// preview, mapping and confirmation; and what the To field on Send offers.
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk, recipientSuggestions, type Desk } from '../../renderer/src/stores';
import type { Contact } from '../../shared/contacts';
import type { RecentRecipient } from '../../shared/model';
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

const contact = (id: string, name: string, organization: string, fax: string): Contact => ({
  id,
  name,
  organization,
  fax,
  phone: '',
  email: '',
  notes: '',
  coverTemplateId: null,
  groupIds: [],
  createdAt: '2026-03-03T14:00:00.000Z',
  updatedAt: '2026-03-03T14:00:00.000Z',
  lastFaxedAt: null,
});
const recent = (to: string, recipientName: string): RecentRecipient => ({
  to,
  recipientName,
  lastSentAt: '2026-03-03T14:00:00.000Z',
  faxes: 1,
});

describe('what the To field offers', () => {
  const lee = contact('c1', 'Dr. Amy Lee', 'Capitol Cardiology', '+12025550143');
  const desk = contact('c2', '', 'BlueShield Claims', '+13125550100');

  it('offers the recent numbers for an empty field, and contacts first once something is typed', () => {
    const recents = [recent('+12025550143', 'Dr. Lee'), recent('+12025550111', 'Front desk')];
    expect(recipientSuggestions([lee], recents, '').map((s) => s.key)).toEqual(['recent-+12025550143', 'recent-+12025550111']);
    // A recent number that is a contact is offered once, as the contact.
    expect(recipientSuggestions([lee], recents, '202').map((s) => [s.kind, s.name])).toEqual([
      ['contact', 'Dr. Amy Lee'],
      ['recent', 'Front desk'],
    ]);
    expect(recipientSuggestions([desk], [], 'blue')).toEqual([
      { key: 'contact-c2', kind: 'contact', name: 'BlueShield Claims', detail: '', number: '+13125550100', contactId: 'c2' },
    ]);
  });

  it('finds contacts in the engine by what is typed, and forgets an answer overtaken by newer typing', async () => {
    const d = await openDesk();
    await d.api.saveContact({ name: 'Dr. Amy Lee', organization: 'Capitol Cardiology', fax: '2025550143' });
    await d.api.saveContact({ name: 'Leeds Pharmacy', fax: '2025550150' });
    const slow = d.recipientSearch.getState().search('lee');
    const fast = d.recipientSearch.getState().search('cardio');
    await Promise.all([slow, fast]);
    expect(d.recipientSearch.getState()).toMatchObject({ typed: 'cardio', contacts: [{ name: 'Dr. Amy Lee' }] });
    await d.recipientSearch.getState().search('');
    expect(d.recipientSearch.getState().contacts).toEqual([]);
  });
});

describe('the Contacts screen', () => {
  it('lists, searches, saves with field errors, and deletes with Undo', async () => {
    const d = await openDesk();
    const contacts = d.contacts;
    await contacts.getState().load();
    expect(contacts.getState()).toMatchObject({ loaded: true, total: 0 });

    contacts.getState().edit(null, { fax: '(202) 555-01' });
    contacts.getState().setField('name', 'Dr. Amy Lee');
    expect(await contacts.getState().save()).toBeNull();
    expect(contacts.getState().formErrors.fax).toMatch(/too short/);
    contacts.getState().setField('fax', '(202) 555-0143');
    expect(contacts.getState().formErrors.fax).toBeUndefined();
    const saved = await contacts.getState().save();
    expect(saved).toMatchObject({ name: 'Dr. Amy Lee', fax: '+12025550143' });
    await whenStore(contacts, (s) => s.total === 1, 'the saved contact is listed');

    contacts.getState().setSearch('nobody');
    await whenStore(contacts, (s) => s.search === 'nobody' && !s.loading && s.total === 0, 'the search finds nobody');
    contacts.getState().setSearch('0143');
    await whenStore(contacts, (s) => !s.loading && s.total === 1, 'digits find the contact');

    expect(await contacts.getState().remove(saved!.id)).toBe(true);
    expect(contacts.getState()).toMatchObject({ total: 0, deleted: { contact: { id: saved!.id } } });
    expect(await contacts.getState().undoRemove()).toBe(true);
    await whenStore(contacts, (s) => s.items.some((c) => c.id === saved!.id), 'Undo brings the contact back');
  });

  it('creates a group, adds a member from the form, and says why a bad change failed', async () => {
    const d = await openDesk();
    const contacts = d.contacts;
    const group = await contacts.getState().saveGroup('Cardiology referrals');
    expect(group).toMatchObject({ name: 'Cardiology referrals', members: 0 });
    expect(await contacts.getState().saveGroup('cardiology referrals')).toBeNull();
    expect(contacts.getState().actionError).toMatch(/already a group called/);
    contacts.getState().edit(null, { name: 'Dr. Lee', fax: '2025550143', groupIds: [group!.id] });
    await contacts.getState().save();
    await whenStore(contacts, (s) => s.groups[0]?.members === 1, 'the group counts its member');
    await contacts.getState().showGroup(group!.id);
    expect(contacts.getState().openGroup?.memberList).toMatchObject([{ name: 'Dr. Lee', problem: null }]);
    expect(await contacts.getState().changeMembers(group!.id, ['ghost'], [])).toBe(false);
    expect(contacts.getState().actionError).toMatch(/no contact ghost/);
  });
});

describe('the import dialog', () => {
  it('previews a file, follows a changed mapping, imports the good rows and leaves the bad one out', async () => {
    const d = await openDesk();
    const store = d.contactImport;
    await store.getState().choose(droppedFile('practices.csv', 'Practice,Fax line\nCapitol,202-555-0143\nBroken,555\n'));
    expect(store.getState().preview).toMatchObject({ total: 2, valid: 2 - 1, problemCount: 1 });
    expect(store.getState().mapping).toMatchObject({ organization: 0, fax: 1 });
    await store.getState().mapField('name', 0);
    await store.getState().mapField('organization', null);
    expect(store.getState().preview?.rows[0]).toMatchObject({ name: 'Capitol', organization: '' });
    const result = await store.getState().confirm();
    expect(result).toMatchObject({ imported: 1, skipped: 1 });
    expect((await d.api.listContacts({})).items.map((c) => c.name)).toEqual(['Capitol']);
    store.getState().reset();
    expect(store.getState()).toMatchObject({ fileName: null, preview: null, result: null });
  });

  it('says why a file cannot be read, and saves nothing', async () => {
    const d = await openDesk();
    const store = d.contactImport;
    await store.getState().choose(droppedFile('broken.csv', 'Name,Fax\n"Open,202-555-0143\n'));
    expect(store.getState()).toMatchObject({ preview: null, busy: false });
    expect(store.getState().error).toMatch(/quote/);
    expect(await store.getState().confirm()).toBeNull();
    expect((await d.api.listContacts({})).total).toBe(0);
  });
});
