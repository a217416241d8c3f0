// The address book through a real engine on a real data folder: add, change, search as you
// type (name, organization, digits; recent first), delete with Undo, groups, duplicates and
// merge, and every bad value refused with a sentence and nothing saved.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { OperationInput, OperationName } from '../../shared/contract';
import { dispatch } from '../../main/engine';
import { callOperation } from '../../main/engine/rpc';
import { startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** An operation as a transport calls it: the input parsed by the contract first. */
const call = <N extends OperationName>(h: Harness, name: N, input: OperationInput<N>) => callOperation(h.engine, name, input);
const refusal = async (h: Harness, name: string, input: unknown) => {
  const reply = await dispatch(h.engine, name, input);
  if (reply.ok) throw new Error(`${name} was accepted: ${JSON.stringify(input)}`);
  return reply.error;
};
const count = (h: Harness, table: string) => {
  const db = new Database(join(h.dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('contacts', () => {
  it('stores the fax number in E.164 from any usual form, and reads it back', async () => {
    harness = await startEngine();
    const letterhead = await call(harness!, 'saveCoverTemplate', { name: 'Letterhead', layout: 'letterhead' });
    const saved = await call(harness!, 'saveContact', {
      name: '  Dr. Amy Lee ',
      organization: 'Capitol Cardiology',
      fax: '(202) 555-0143',
      phone: '202.555.0199',
      email: 'front@capitolcardio.example',
      notes: 'Referrals only',
      coverTemplateId: letterhead.id,
    });
    expect(saved).toMatchObject({
      name: 'Dr. Amy Lee',
      fax: '+12025550143',
      phone: '+12025550199',
      coverTemplateId: letterhead.id,
      groupIds: [],
      lastFaxedAt: null,
    });
    expect(await call(harness!, 'getContact', { id: saved.id })).toEqual(saved);
    const changed = await call(harness!, 'saveContact', { id: saved.id, name: 'Dr. Amy Lee-Park', fax: '+1 202 555 0144' });
    expect(changed).toMatchObject({ id: saved.id, name: 'Dr. Amy Lee-Park', fax: '+12025550144', organization: '' });
  });

  it.each([
    [{ name: 'Dr. Lee', fax: '' }, 'fax', /Enter the fax number/],
    [{ name: 'Dr. Lee', fax: '555-01' }, 'fax', /too short/],
    [{ name: 'Dr. Lee', fax: 'call me' }, 'fax', /letters/],
    [{ name: '', organization: '', fax: '2025550143' }, 'name', /name or an organization/],
    [{ name: 'Dr. Lee', fax: '2025550143', email: 'not-an-address' }, 'email', /not an email address/],
    [{ name: 'Dr. Lee', fax: '2025550143', phone: '12' }, 'phone', /^Phone:/],
    [{ name: 'x'.repeat(201), fax: '2025550143' }, 'name', /at most 200/],
    [{ name: 'Dr. Lee', fax: '2025550143', notes: 'n'.repeat(2001) }, 'notes', /at most 2000/],
    [{ name: 'Dr. Lee', fax: '2025550143', groupIds: ['no-such-group'] }, 'groupIds', /no group/],
    [{ name: 'Dr. Lee', fax: '2025550143', favourite: true }, 'favourite', /.+/],
    [{ name: 42, fax: '2025550143' }, 'name', /.+/],
  ])('refuses bad input %# with a sentence on its field, saving nothing', async (input, field, message) => {
    harness ??= await startEngine();
    const error = await refusal(harness, 'saveContact', input);
    expect(['invalid_input', 'invalid_number']).toContain(error.code);
    expect(error.fields?.[field] ?? error.message).toMatch(message);
    expect(count(harness, 'contacts')).toBe(0);
  });

  it('refuses to change a contact that does not exist', async () => {
    harness = await startEngine();
    const error = await refusal(harness, 'saveContact', { id: 'missing', name: 'X', fax: '2025550143' });
    expect(error).toMatchObject({ code: 'not_found' });
    expect(error.message).toMatch(/no contact missing/);
    expect(count(harness, 'contacts')).toBe(0);
  });
});

describe('search as you type', () => {
  async function seed(h: Harness) {
    const add = (name: string, organization: string, fax: string) => call(h, 'saveContact', { name, organization, fax });
    return {
      lee: await add('Dr. Amy Lee', 'Capitol Cardiology', '2025550143'),
      leeds: await add('Leeds Pharmacy', '', '2025550150'),
      muller: await add('Jörg Müller', 'Allgemeine Praxis', '+49 30 901820'),
      blue: await add('Claims desk', 'BlueShield Insurance', '3125550100'),
      kaplee: await add('Sam Kaplee', '', '2025550199'),
    };
  }

  it('finds by name, organization, word start and accents, exact and prefix first', async () => {
    harness = await startEngine();
    const c = await seed(harness);
    const names = async (search: string) => (await call(harness!, 'listContacts', { search, limit: 50 })).items.map((item) => item.id);
    expect(await names('lee')).toEqual([c.leeds.id, c.lee.id, c.kaplee.id]); // prefix, word prefix, inside
    expect(await names('blueshield')).toEqual([c.blue.id]);
    expect(await names('MULL')).toEqual([c.muller.id]);
    expect(await names('cardio')).toEqual([c.lee.id]);
    expect(await names('nobody')).toEqual([]);
  });

  it('finds by digits, national or international, whatever punctuation is typed', async () => {
    harness = await startEngine();
    const c = await seed(harness);
    const ids = async (search: string) => (await call(harness!, 'listContacts', { search, limit: 50 })).items.map((i) => i.id);
    expect(await ids('(202) 555-01')).toEqual(expect.arrayContaining([c.lee.id, c.leeds.id, c.kaplee.id]));
    expect(await ids('(202) 555-01')).not.toContain(c.blue.id);
    expect(await ids('1 202 555 0143')).toEqual([c.lee.id]);
    expect(await ids('0143')).toEqual([c.lee.id]);
    expect(await ids('+49 30')).toEqual([c.muller.id]);
  });

  it('follows every change: a rename, a new number, a deletion and its Undo, one or two letters typed', async () => {
    harness = await startEngine({ inboxUndoMs: 60_000 });
    const c = await seed(harness);
    const ids = async (search: string) => (await call(harness!, 'listContacts', { search, limit: 50 })).items.map((i) => i.id);
    await call(harness, 'saveContact', { id: c.blue.id, name: 'Appeals desk', organization: 'BlueShield Insurance', fax: '3125550177' });
    expect(await ids('claims')).toEqual([]);
    expect(await ids('appeals')).toEqual([c.blue.id]);
    expect(await ids('5550177')).toEqual([c.blue.id]);
    expect(await ids('5550100')).toEqual([]);
    await call(harness, 'deleteContact', { id: c.muller.id });
    expect(await ids('müller')).toEqual([]);
    await call(harness, 'restoreContact', { id: c.muller.id });
    expect(await ids('müller')).toEqual([c.muller.id]);
    // Too short for the trigram index: read from the column instead.
    expect(await ids('jö')).toEqual([c.muller.id]);
    expect(await ids('43')).toEqual([c.lee.id]);
  });

  it('puts the contact faxed most recently first among equal matches', async () => {
    harness = await startEngine();
    const c = await seed(harness);
    await harness.send('+12025550199');
    const page = await call(harness!, 'listContacts', { search: '2025550', limit: 50 });
    expect(page.items[0].id).toBe(c.kaplee.id);
    expect(page.items[0].lastFaxedAt).not.toBeNull();
  });

  it('pages through the whole book by name, and refuses a cursor it did not give', async () => {
    harness = await startEngine();
    await seed(harness);
    const first = await call(harness!, 'listContacts', { limit: 2 });
    expect(first).toMatchObject({ total: 5 });
    const second = await call(harness!, 'listContacts', { limit: 2, cursor: first.nextCursor! });
    const third = await call(harness!, 'listContacts', { limit: 2, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((c) => c.name);
    expect(all).toEqual(['Claims desk', 'Dr. Amy Lee', 'Jörg Müller', 'Leeds Pharmacy', 'Sam Kaplee']);
    expect(await refusal(harness, 'listContacts', { cursor: 'garbage' })).toMatchObject({ code: 'invalid_input', field: 'cursor' });
    expect(await refusal(harness, 'listContacts', { limit: 0 })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal(harness, 'listContacts', { search: 's'.repeat(101) })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('delete with Undo', () => {
  it('hides a deleted contact, brings it back with its groups, and audits both with the number masked', async () => {
    harness = await startEngine({ inboxUndoMs: 60_000 });
    const group = await call(harness!, 'saveContactGroup', { name: 'Cardiology referrals' });
    const lee = await call(harness!, 'saveContact', { name: 'Dr. Lee', fax: '2025550143', groupIds: [group.id] });
    const deleted = await call(harness!, 'deleteContact', { id: lee.id });
    expect(new Date(deleted.undoUntil).getTime()).toBeGreaterThan(Date.now());
    expect((await call(harness!, 'listContacts', {})).total).toBe(0);
    expect((await call(harness!, 'getContactGroup', { id: group.id })).members).toBe(0);
    expect(await refusal(harness, 'getContact', { id: lee.id })).toMatchObject({ code: 'not_found' });
    // Deleting twice answers the same undo time.
    expect(await call(harness!, 'deleteContact', { id: lee.id })).toEqual(deleted);
    const back = await call(harness!, 'restoreContact', { id: lee.id });
    expect(back).toMatchObject({ id: lee.id, groupIds: [group.id] });
    const audit = harness.engine.audit.recent(50).filter((e) => e.target === lee.id);
    expect(audit.map((e) => e.action)).toEqual(['contact_restored', 'contact_deleted', 'contact_created']);
    expect(JSON.stringify(audit)).not.toMatch(/5550143|Dr\. Lee/);
    expect(audit[0].details).toEqual({ fax: '***0143' });
  });

  it('says so when the undo time is over, and the contact is gone for good', async () => {
    harness = await startEngine({ inboxUndoMs: 1 });
    const lee = await call(harness!, 'saveContact', { name: 'Dr. Lee', fax: '2025550143' });
    await call(harness!, 'deleteContact', { id: lee.id });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the 1 ms undo time must pass
    const error = await refusal(harness, 'restoreContact', { id: lee.id });
    expect(error).toMatchObject({ code: 'not_found' });
    expect(error.message).toMatch(/deleted for good/);
    // The next deletion removes it from the file.
    const other = await call(harness!, 'saveContact', { name: 'Other', fax: '2025550150' });
    await call(harness!, 'deleteContact', { id: other.id });
    expect(count(harness, 'contacts')).toBe(1);
    expect(await refusal(harness, 'deleteContact', { id: 'never-was' })).toMatchObject({ code: 'not_found' });
  });
});

describe('groups', () => {
  it('creates, renames, adds and removes members, and deletes a group without its contacts', async () => {
    harness = await startEngine();
    const group = await call(harness!, 'saveContactGroup', { name: 'Pharmacies' });
    const a = await call(harness!, 'saveContact', { name: 'A', fax: '2025550150' });
    const b = await call(harness!, 'saveContact', { name: 'B', fax: '2025550151' });
    let detail = await call(harness!, 'changeContactGroupMembers', { id: group.id, add: [a.id, b.id] });
    expect(detail).toMatchObject({ members: 2, problems: 0 });
    detail = await call(harness!, 'changeContactGroupMembers', { id: group.id, remove: [a.id] });
    expect(detail.memberList.map((m) => m.contactId)).toEqual([b.id]);
    await call(harness!, 'saveContactGroup', { id: group.id, name: 'Local pharmacies' });
    expect((await call(harness!, 'listContactGroups', {})).items).toMatchObject([{ name: 'Local pharmacies', members: 1 }]);
    expect((await call(harness!, 'listContacts', { groupId: group.id })).items.map((c) => c.id)).toEqual([b.id]);
    await call(harness!, 'deleteContactGroup', { id: group.id });
    expect((await call(harness!, 'listContactGroups', {})).items).toEqual([]);
    expect((await call(harness!, 'getContact', { id: b.id })).groupIds).toEqual([]);
  });

  it('refuses a taken name, an empty name, an unknown member (adding none of the list) and an unknown group', async () => {
    harness = await startEngine();
    const group = await call(harness!, 'saveContactGroup', { name: 'Insurers' });
    const a = await call(harness!, 'saveContact', { name: 'A', fax: '2025550150' });
    expect(await refusal(harness, 'saveContactGroup', { name: 'insurers' })).toMatchObject({ code: 'invalid_input', field: 'name' });
    expect((await refusal(harness, 'saveContactGroup', { name: '  ' })).fields?.name).toMatch(/give the group a name/);
    const error = await refusal(harness, 'changeContactGroupMembers', { id: group.id, add: [a.id, 'ghost'] });
    expect(error).toMatchObject({ code: 'not_found' });
    expect((await call(harness!, 'getContactGroup', { id: group.id })).members).toBe(0);
    expect(await refusal(harness, 'getContactGroup', { id: 'nope' })).toMatchObject({ code: 'not_found' });
    expect(await refusal(harness, 'deleteContactGroup', { id: 'nope' })).toMatchObject({ code: 'not_found' });
  });

  it('shows a member whose stored number would now be refused, with the reason', async () => {
    harness = await startEngine();
    const group = await call(harness!, 'saveContactGroup', { name: 'Old list' });
    const a = await call(harness!, 'saveContact', { name: 'Old Clinic', fax: '2025550150' });
    await call(harness!, 'changeContactGroupMembers', { id: group.id, add: [a.id] });
    // As if stored by an older version whose numbering rules allowed it.
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'));
    db.prepare('UPDATE contacts SET fax = ? WHERE id = ?').run('+1202555', a.id);
    db.close();
    const detail = await call(harness!, 'getContactGroup', { id: group.id });
    expect(detail.problems).toBe(1);
    expect(detail.memberList[0].problem).toMatch(/Old Clinic would be refused: .*too short.*Edit the contact's number/);
    expect((await call(harness!, 'listContactGroups', {})).items[0].problems).toBe(1);
  });
});

describe('duplicates by number', () => {
  it('finds contacts sharing a number and merges them into one, keeping every group membership', async () => {
    harness = await startEngine();
    const g1 = await call(harness!, 'saveContactGroup', { name: 'One' });
    const g2 = await call(harness!, 'saveContactGroup', { name: 'Two' });
    const a = await call(harness!, 'saveContact', { name: 'Dr. Lee', fax: '2025550143', groupIds: [g1.id] });
    const b = await call(harness!, 'saveContact', {
      name: 'Amy Lee MD',
      organization: 'Capitol',
      fax: '+1 202-555-0143',
      groupIds: [g2.id],
    });
    await call(harness!, 'saveContact', { name: 'Someone else', fax: '2025550150' });
    const { items } = await call(harness!, 'findDuplicateContacts', {});
    expect(items).toHaveLength(1);
    expect(items[0].contacts.map((c) => c.id)).toEqual([a.id, b.id]);
    const kept = await call(harness!, 'mergeContacts', { keepId: a.id, mergeIds: [b.id], fields: { organization: 'Capitol' } });
    expect(kept).toMatchObject({ id: a.id, name: 'Dr. Lee', organization: 'Capitol', groupIds: [g1.id, g2.id].sort() });
    expect(await refusal(harness, 'getContact', { id: b.id })).toMatchObject({ code: 'not_found' });
    expect((await call(harness!, 'findDuplicateContacts', {})).items).toEqual([]);
    expect(harness.engine.audit.recent(5, 'contacts_merged')[0]).toMatchObject({ target: a.id, details: { fax: '***0143', merged: 1 } });
  });

  it('refuses to merge a contact into itself, or an unknown one, and changes nothing', async () => {
    harness = await startEngine();
    const a = await call(harness!, 'saveContact', { name: 'A', fax: '2025550143' });
    expect(await refusal(harness, 'mergeContacts', { keepId: a.id, mergeIds: [a.id] })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal(harness, 'mergeContacts', { keepId: a.id, mergeIds: ['ghost'] })).toMatchObject({ code: 'not_found' });
    expect(await refusal(harness, 'mergeContacts', { keepId: a.id, mergeIds: [] })).toMatchObject({ code: 'invalid_input' });
    expect(count(harness, 'contacts')).toBe(1);
    expect(harness.engine.audit.recent(5, 'contacts_merged')).toEqual([]);
    await call(harness, 'getContact', { id: a.id });
  });
});
