// Several recipients through a real engine on a real data folder: numbers, contacts and
// groups fan out into one job per recipient (each number once), each with its own cover page;
// the send's counts, cancel of what has not started, resend to the failed ones; every bad
// To refused with a sentence and nothing saved; the send and its jobs audited together.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { OperationInput, OperationName } from '../../shared/contract';
import { MAX_RECIPIENTS, sendCountWords } from '../../shared/sends';
import { dispatch } from '../../main/engine';
import { callOperation } from '../../main/engine/rpc';
import { checkAuditCoverage } from '../../main/engine/audit';
import { startEngine, type Harness } from '../support/engineHarness';
import { allText, probePdf } from '../imaging/pdfProbe';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const call = <N extends OperationName>(name: N, input: OperationInput<N>) => callOperation(harness!.engine, name, input);
const refusal = async (name: string, input: unknown) => {
  const reply = await dispatch(harness!.engine, name, input);
  if (reply.ok) throw new Error(`${name} was accepted: ${JSON.stringify(input).slice(0, 200)}`);
  return reply.error;
};
const rows = (table: string, where = '') => {
  const db = new Database(join(harness!.dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
const finished = (sendId: string) => async () => {
  const send = await call('getSend', { id: sendId });
  return send.counts.waiting + send.counts.sending + send.counts.retrying === 0;
};

describe('a send to several recipients', () => {
  it('fans one document set and cover out into one job per recipient, each cover naming its recipient, each number once', async () => {
    harness = await startEngine();
    const lee = await call('saveContact', { name: 'Dr. Amy Lee', organization: 'Capitol Cardiology', fax: '(202) 555-0143' });
    const pharmacy = await call('saveContact', { name: '', organization: 'Northside Pharmacy', fax: '202-555-0150' });
    const clinic = await call('saveContact', { name: 'Eastside Clinic', fax: '202 555 0151' });
    const group = await call('saveContactGroup', { name: 'Referrals' });
    await call('changeContactGroupMembers', { id: group.id, add: [pharmacy.id, clinic.id, lee.id] });
    const documentId = await harness.stagePdf(2, 'referral.pdf');

    const send = await call('sendFaxes', {
      recipients: [{ to: '(202) 555-0160', name: 'Front desk' }, { contactId: lee.id }, { groupId: group.id }, { to: '+1 202 555 0160' }],
      documentIds: [documentId],
      cover: { subject: 'Referral', notes: 'Please call back.' },
    });
    // Lee is in the group too, and 555-0160 was typed twice: each number is dialled once.
    expect(send.duplicates).toBe(2);
    expect(send.skipped).toEqual([]);
    expect(send.recipients).toBe(4);
    expect(send.jobs.map((job) => [job.to, job.recipientName])).toEqual([
      ['+12025550160', 'Front desk'],
      ['+12025550143', 'Dr. Amy Lee'],
      // The group's members in the order the group lists them (by name).
      ['+12025550151', 'Eastside Clinic'],
      ['+12025550150', 'Northside Pharmacy'],
    ]);
    for (const job of send.jobs) expect(job).toMatchObject({ sendId: send.id, pages: 3, coverPage: true, fileNames: ['referral.pdf'] });
    // One stored document for the whole send; the staged one is let go.
    expect(rows('documents', 'WHERE staged = 0')).toBe(1);
    expect(rows('documents', 'WHERE staged = 1')).toBe(0);

    // Each recipient's fax opens with its own cover page.
    for (const job of send.jobs) {
      const { pdfBase64 } = await call('getJobDocument', { id: job.id });
      const pages = await probePdf(Buffer.from(pdfBase64, 'base64'));
      expect(pages).toHaveLength(3);
      expect(allText([pages[0]])).toContain(job.recipientName);
      for (const other of send.jobs.filter((j) => j.recipientName !== job.recipientName))
        expect(allText([pages[0]])).not.toContain(other.recipientName);
      expect(allText([pages[0]])).toContain('Referral');
    }

    await until('every recipient finished', finished(send.id));
    const done = await call('getSend', { id: send.id });
    expect(done.counts).toMatchObject({ delivered: 4, failed: 0 });
    expect(sendCountWords(done)).toBe('4 of 4 delivered');
    // The Outbox lists the send as one row, not its four jobs.
    expect((await call('listJobs', { limit: 50, ungrouped: true })).total).toBe(0);
    expect((await call('listJobs', { limit: 50 })).total).toBe(4);
    expect((await call('listSends', { limit: 10 })).items.map((s) => s.id)).toEqual([send.id]);
  });

  it('writes the send and each job with their audit entries, numbers masked', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(1);
    const send = await call('sendFaxes', { recipients: [{ to: '2025550143' }, { to: '2025550144' }], documentIds: [documentId] });
    const queued = harness.engine.audit.recent(10, 'send_queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ target: send.id, actor: 'window', details: { recipients: 2, pages: 1 } });
    const sent = harness.engine.audit.recent(10, 'fax_sent');
    expect(sent.map((entry) => entry.target).sort()).toEqual(send.jobs.map((job) => job.id).sort());
    expect(sent.map((entry) => entry.details.to).sort()).toEqual(['***0143', '***0144']);
    expect(JSON.stringify(harness.engine.audit.recent(50))).not.toMatch(/5550143|5550144/);
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'), { readonly: true });
    try {
      expect(checkAuditCoverage(db)).toMatchObject({ state: 'checked', missingCount: 0 });
    } finally {
      db.close();
    }
  });

  it('leaves out a group member whose number would be refused, names it, and sends to the rest', async () => {
    harness = await startEngine({ retryBaseMs: 60_000 });
    const good = await call('saveContact', { name: 'Good Clinic', fax: '2025550150' });
    const old = await call('saveContact', { name: 'Old Clinic', fax: '2025550151' });
    const group = await call('saveContactGroup', { name: 'Clinics' });
    await call('changeContactGroupMembers', { id: group.id, add: [good.id, old.id] });
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'));
    db.prepare('UPDATE contacts SET fax = ? WHERE id = ?').run('+1202555', old.id);
    db.close();
    const send = await call('sendFaxes', { recipients: [{ groupId: group.id }], documentIds: [await harness.stagePdf(1)] });
    expect(send.jobs.map((job) => job.recipientName)).toEqual(['Good Clinic']);
    expect(send.skipped).toHaveLength(1);
    expect(send.skipped[0]).toMatchObject({ name: 'Old Clinic' });
    expect(send.skipped[0].reason).toMatch(/^Old Clinic \(in "Clinics"\) is left out: .*too short.*Edit the contact's number/);
  });

  it('refuses a bad To with a sentence naming what is wrong, and saves nothing', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(1);
    const gone = await call('saveContact', { name: 'Gone Clinic', fax: '2025550150' });
    await call('deleteContact', { id: gone.id });
    const empty = await call('saveContactGroup', { name: 'Empty list' });
    const broken = await call('saveContact', { name: 'Broken Clinic', fax: '2025550152' });
    const brokenGroup = await call('saveContactGroup', { name: 'Only broken' });
    await call('changeContactGroupMembers', { id: brokenGroup.id, add: [broken.id] });
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'));
    db.prepare('UPDATE contacts SET fax = ? WHERE id = ?').run('+1202555', broken.id);
    db.close();
    const before = { jobs: rows('fax_jobs'), sends: rows('fax_sends'), documents: rows('documents'), audit: rows('audit_log') };

    const cases: [unknown[], RegExp, string][] = [
      [[], /^Add at least one recipient: a fax number, a contact or a group\.$/, 'invalid_input'],
      [[{ to: '2025550143' }, { to: '555-01', name: 'Typo Clinic' }], /^Typo Clinic: 555-01 is too short/, 'invalid_number'],
      [[{ contactId: gone.id }], /^A contact in To no longer exists .*remove it from To/, 'not_found'],
      [[{ groupId: 'no-such-group' }], /^A group in To no longer exists/, 'not_found'],
      [[{ groupId: empty.id }], /^The group "Empty list" has no members: add contacts to it in Contacts/, 'invalid_input'],
      [
        [{ groupId: brokenGroup.id }],
        /^No member of the group "Only broken" has a fax number Faxbot can send to: Broken Clinic/,
        'invalid_number',
      ],
      [
        [{ contactId: broken.id }],
        /^A fax to Broken Clinic would be refused: .*Edit the contact's number in Contacts\.$/,
        'invalid_number',
      ],
    ];
    for (const [recipients, message, code] of cases) {
      const error = await refusal('sendFaxes', { recipients, documentIds: [documentId] });
      expect(error.code, JSON.stringify(recipients)).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.field).toBe('recipients');
    }
    const tooMany = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => ({ to: `+1202555${String(1000 + i).padStart(4, '0')}` }));
    const many = await refusal('sendFaxes', { recipients: tooMany, documentIds: [documentId] });
    expect(many.code).toBe('invalid_input');
    expect(many.message).toMatch(/at most 1000 recipients: split the list into several sends/);
    // A list within the limit that a group pushes past it is refused once opened.
    const big = await call('saveContactGroup', { name: 'Big' });
    const x = await call('saveContact', { name: 'X', fax: '2025559998' });
    const y = await call('saveContact', { name: 'Y', fax: '2025559999' });
    await call('changeContactGroupMembers', { id: big.id, add: [x.id, y.id] });
    const pushed = await refusal('sendFaxes', {
      recipients: [...tooMany.slice(0, MAX_RECIPIENTS - 1), { groupId: big.id }],
      documentIds: [documentId],
    });
    expect(pushed.message).toMatch(/^This send would go to more than 1000 recipients, the most one send can have: split the list/);
    const badSchedule = await refusal('sendFaxes', { recipients: [{ to: '2025550143' }], documentIds: [documentId], sendAt: 'tomorrow' });
    expect(badSchedule).toMatchObject({ code: 'invalid_input', field: 'sendAt' });

    expect({ jobs: rows('fax_jobs'), sends: rows('fax_sends'), documents: rows('documents') }).toEqual({
      jobs: before.jobs,
      sends: before.sends,
      documents: before.documents,
    });
    // The staged document is still there to send once the To is fixed.
    const fixed = await call('sendFaxes', { recipients: [{ to: '2025550143' }, { to: '2025550144' }], documentIds: [documentId] });
    expect(fixed.recipients).toBe(2);
  });
});

describe('after a send is queued', () => {
  it('cancels the recipients that have not started; the one already sending goes on', async () => {
    harness = await startEngine({ simulatorTimeScale: 0.05 });
    await call('updateSettings', { concurrency: 1 });
    const send = await call('sendFaxes', {
      recipients: [{ to: '2025550143' }, { to: '2025550144' }, { to: '2025550145' }],
      documentIds: [await harness.stagePdf(1)],
    });
    await harness.waitForJob(send.jobs[0].id, (job) => job.status === 'sending');
    const canceled = await call('cancelSend', { id: send.id });
    expect(canceled.counts).toMatchObject({ canceled: 2, sending: 1 });
    expect(
      harness.engine.audit
        .recent(20, 'fax_canceled')
        .map((e) => e.target)
        .sort(),
    ).toEqual([send.jobs[1].id, send.jobs[2].id].sort());
    await harness.waitForJob(send.jobs[0].id, (job) => job.status === 'delivered');
    const error = await refusal('cancelSend', { id: send.id });
    expect(error).toMatchObject({
      code: 'wrong_state',
      message: 'Nothing of this send can be canceled: every recipient has already finished.',
    });
    expect(sendCountWords(await call('getSend', { id: send.id }))).toBe('1 of 3 delivered · 2 canceled');
  });

  it('sends again to the failed recipients only, as new jobs of the same send', async () => {
    harness = await startEngine();
    // One attempt each: the busy line fails (the simulator answers it the next time).
    await call('updateSettings', { maxAttempts: 1 });
    const send = await call('sendFaxes', {
      recipients: [{ to: '2025550143' }, { to: '+12025550111', name: 'Busy Clinic' }, { to: '2025550144' }],
      documentIds: [await harness.stagePdf(1)],
      cover: { subject: 'Results', notes: '' },
    });
    await until('every recipient finished', finished(send.id));
    const first = await call('getSend', { id: send.id });
    expect(sendCountWords(first)).toBe('2 of 3 delivered · 1 failed');
    const failedJob = first.jobs.find((job) => job.status === 'failed')!;
    expect(failedJob.recipientName).toBe('Busy Clinic');

    const again = await call('resendFailed', { id: send.id });
    expect(again.recipients).toBe(3);
    const fresh = again.jobs.find((job) => job.to === '+12025550111')!;
    expect(fresh.id).not.toBe(failedJob.id);
    expect(fresh).toMatchObject({ sendId: send.id, recipientName: 'Busy Clinic', status: 'queued', attempts: 0 });
    await until('the resend finished', finished(send.id));
    expect(sendCountWords(await call('getSend', { id: send.id }))).toBe('3 of 3 delivered');
    // Its cover still names its recipient.
    const { pdfBase64 } = await call('getJobDocument', { id: fresh.id });
    expect(allText((await probePdf(Buffer.from(pdfBase64, 'base64'))).slice(0, 1))).toContain('Busy Clinic');
    const nothing = await refusal('resendFailed', { id: send.id });
    expect(nothing).toMatchObject({
      code: 'wrong_state',
      message: 'No recipient of this send has failed: there is nothing to send again.',
    });
    expect((await refusal('getSend', { id: 'no-such-send' })).code).toBe('not_found');
  });
});
