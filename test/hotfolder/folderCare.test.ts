// What keeps printed files from being lost or faxed twice: duplicates are asked about, print
// jobs gather into one fax, a restart picks up where it stopped, and a lost folder is shown.
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/engine';
import { makeTestPdf } from '../support/pdfs';
import { startWatchedEngine, waitForFolder, type WatchedEngine } from './hotFolderFixture';

let running: WatchedEngine | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('the same document printed twice', () => {
  it('asks before faxing it again, and a no moves the copy to failed/ with the reason', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_AUTOSEND: 'true' });
    const pdf = await makeTestPdf(1, 'Lab result');
    await running.print('fax to 202 555 0143 - lab.pdf', pdf);
    await running.waitForFile('sent', 'fax to 202 555 0143 - lab.pdf');
    await running.print('fax to 202 555 0143 - lab again.pdf', pdf);
    const question = await running.waitForEvent(() => running!.questions[0], 'the question');
    expect(question.question).toMatch(/printed twice — fax it again\?/);
    expect(question.earlier.state).toBe('sent');
    const status = await running.engine.call('getHotFolder', {});
    expect(status.questions.map((q) => q.fileId)).toEqual([question.fileId]);
    // Not sent while nobody answered.
    expect(running.jobs.filter((j) => j.status === 'queued')).toHaveLength(1);

    const after = await running.engine.call('answerHotFolderQuestion', { fileId: question.fileId, faxAgain: false });
    expect(after.questions).toEqual([]);
    await running.waitForFile('failed', 'fax to 202 555 0143 - lab again.pdf.reason.txt');
    expect(await readFile(join(running.folder, 'failed', 'fax to 202 555 0143 - lab again.pdf.reason.txt'), 'utf8')).toMatch(
      /printed twice/,
    );
    expect(new Set(running.jobs.map((j) => j.id)).size).toBe(1);
  });

  it('faxes it again after a yes', async () => {
    running = await startWatchedEngine();
    const pdf = await makeTestPdf(1, 'Lab result');
    await running.print('one.pdf', pdf);
    await running.print('two.pdf', pdf);
    const question = await running.waitForEvent(() => running!.questions[0], 'the question');
    expect(question).toMatchObject({ fileName: 'two.pdf', earlier: { fileName: 'one.pdf', state: 'waiting' } });
    await running.engine.call('answerHotFolderQuestion', { fileId: question.fileId, faxAgain: true });
    const pickup = await running.waitForEvent(
      () => running!.pickups.find((p) => p.documents[0].fileName === 'two.pdf'),
      'the second pickup',
    );
    expect(pickup.documents).toHaveLength(1);
  });

  it('refuses answers that do not fit, in words', async () => {
    running = await startWatchedEngine();
    const unknown = await dispatch(running.engine, 'answerHotFolderQuestion', { fileId: 'no-such-file', faxAgain: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const bad of [{}, { fileId: 'x' }, { fileId: '../etc', faxAgain: true }, { fileId: 'a', faxAgain: 'yes' }, null]) {
      const reply = await dispatch(running.engine, 'answerHotFolderQuestion', bad);
      expect(reply.ok).toBe(false);
    }
    for (const bad of [{ gatherSeconds: -1 }, { gatherSeconds: 601 }, { gatherSeconds: 1.5 }, { autoSend: 'true' }]) {
      const reply = await dispatch(running.engine, 'updateHotFolder', bad);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});

describe('gathering print jobs', () => {
  it('makes the files of one gathering window one fax, in the order they arrived', async () => {
    running = await startWatchedEngine();
    await running.engine.call('updateHotFolder', { gatherSeconds: 1 });
    await running.print('1 cover letter.pdf', await makeTestPdf(1, 'Cover letter'));
    await waitForFolder(join(running.folder, 'processing'), (n) => n.length === 1, 'the first claim');
    await running.print('2 attachment.pdf', await makeTestPdf(3, 'Attachment'));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'the gathered pickup');
    expect(pickup.documents.map((d) => [d.fileName, d.pages])).toEqual([
      ['1 cover letter.pdf', 1],
      ['2 attachment.pdf', 3],
    ]);
    expect(running.pickups).toHaveLength(1);
  });

  it('shows the environment’s value as locked and keeps it', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_GATHER_SECONDS: '5', FAXBOT_WATCH_AUTO_SEND: 'false' });
    const status = await running.engine.call('updateHotFolder', { gatherSeconds: 0, autoSend: true });
    expect(status).toMatchObject({
      gatherSeconds: 5,
      autoSend: false,
      lockedBy: { gatherSeconds: 'FAXBOT_WATCH_GATHER_SECONDS', autoSend: 'FAXBOT_WATCH_AUTO_SEND' },
    });
  });

  it('ignores unusable environment values and says so', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_GATHER_SECONDS: 'soon', FAXBOT_WATCH_AUTOSEND: 'maybe', FAXBOT_WATCH_POLL_MS: '-5' });
    const status = await running.engine.call('getHotFolder', {});
    expect(status).toMatchObject({ gatherSeconds: 0, autoSend: false, lockedBy: { gatherSeconds: null, autoSend: null } });
    await running.print('still works.pdf', await makeTestPdf(1));
    await running.waitForEvent(() => running!.pickups[0], 'a pickup');
  });
});

describe('a restart', () => {
  it('takes files printed while Faxbot was closed, and finishes what a crash interrupted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-hot-data-'));
    const folder = join(mkdtempSync(join(tmpdir(), 'faxbot-hot-')), 'Outbox');
    running = await startWatchedEngine({}, { dataDir, folder });
    await running.close();
    running = null;

    // As a crash would leave things: a row 'claiming' whose rename happened, a file in
    // processing/ with no row, a row 'claiming' whose rename did not, and a new file.
    const pdf = await makeTestPdf(1, 'Renamed');
    await writeFile(join(folder, 'processing', '11111111-1111-1111-1111-111111111111-renamed.pdf'), pdf);
    await writeFile(join(folder, 'processing', 'dropped-in.pdf'), await makeTestPdf(2, 'Dropped'));
    await writeFile(join(folder, 'not renamed.pdf'), await makeTestPdf(3, 'Not renamed'));
    await writeFile(join(folder, 'while closed.pdf'), await makeTestPdf(4, 'While closed'));
    const db = new Database(join(dataDir, 'faxbot.sqlite'));
    const now = new Date().toISOString();
    const insert = db.prepare(
      "INSERT INTO hot_folder_files (id, original_name, processing_name, sha256, bytes, state, claimed_at, updated_at) VALUES (?, ?, ?, 'x', 1, 'claiming', ?, ?)",
    );
    insert.run('11111111-1111-1111-1111-111111111111', 'renamed.pdf', '11111111-1111-1111-1111-111111111111-renamed.pdf', now, now);
    insert.run('22222222-2222-2222-2222-222222222222', 'not renamed.pdf', '22222222-2222-2222-2222-222222222222-not renamed.pdf', now, now);
    db.close();

    running = await startWatchedEngine({}, { dataDir, folder });
    // Picked up during the start, before any window listened: a window reads them from getHotFolder.
    const engine = running.engine;
    await expect.poll(async () => (await engine.call('getHotFolder', {})).waiting.length, { timeout: 15_000 }).toBe(4);
    const { waiting } = await engine.call('getHotFolder', {});
    const names = waiting.map((p) => `${p.documents[0].fileName}:${p.documents[0].pages}`).sort();
    expect(names).toEqual(['dropped-in.pdf:2', 'not renamed.pdf:3', 'renamed.pdf:1', 'while closed.pdf:4']);
    const rows = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
    const states = rows.prepare('SELECT state, COUNT(*) AS n FROM hot_folder_files GROUP BY state').all();
    rows.close();
    expect(states).toEqual([{ state: 'staged', n: 4 }]);
  });

  it('moves a file whose fax was delivered while the folder was not watched', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-hot-data-'));
    const folder = join(mkdtempSync(join(tmpdir(), 'faxbot-hot-')), 'Outbox');
    running = await startWatchedEngine({}, { dataDir, folder });
    await running.print('letter.pdf', await makeTestPdf(1));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    const job = await running.engine.call('sendFax', {
      to: '+12025550143',
      recipientName: '',
      documentIds: [pickup.documents[0].documentId],
      cover: null,
    });
    await running.close();
    running = null;
    // Delivered by an engine that does not watch the folder (as `faxbot send` would run).
    const { startEngine } = await import('../support/engineHarness');
    const plain = await startEngine({}, dataDir);
    await plain.waitForJob(job.id, (j) => j.status === 'delivered');
    await plain.close();
    running = await startWatchedEngine({}, { dataDir, folder });
    await running.waitForFile('sent', 'letter.pdf');
    expect(await readdir(join(folder, 'processing'))).toEqual([]);
  });
});

describe('a watched folder that goes away', () => {
  it('shows the problem and carries on when the folder is back', async () => {
    running = await startWatchedEngine();
    const moved = running.folder + '-away';
    await rename(running.folder, moved);
    const problem = await running.waitForEvent(() => running!.statuses.find((s) => s.problem)?.problem ?? undefined, 'the problem');
    expect(problem).toMatch(/missing/);
    expect((await running.engine.call('getHotFolder', {})).problem).toBe(problem);

    await rename(moved, running.folder);
    await running.waitForEvent(() => (running!.statuses.at(-1)?.problem === null ? true : undefined), 'the problem to clear');
    await running.print('after.pdf', await makeTestPdf(1));
    await running.waitForEvent(() => running!.pickups[0], 'a pickup after the folder came back');
  });

  it('says when the folder may not be read', async () => {
    if (process.getuid?.() === 0) return; // root reads everything: the refusal cannot happen
    running = await startWatchedEngine();
    const { chmod } = await import('node:fs/promises');
    await chmod(running.folder, 0o000);
    try {
      const problem = await running.waitForEvent(() => running!.statuses.find((s) => s.problem)?.problem ?? undefined, 'the problem');
      expect(problem).toMatch(/not allowed/);
    } finally {
      await chmod(running.folder, 0o755);
    }
  });

  it('reports a folder that is a file', async () => {
    const base = mkdtempSync(join(tmpdir(), 'faxbot-hot-'));
    await mkdir(join(base, 'x'));
    await writeFile(join(base, 'Outbox'), 'a file where the folder should be');
    running = await startWatchedEngine({}, { folder: join(base, 'Outbox') });
    const status = await running.waitForEvent(() => running!.statuses.find((s) => s.problem), 'the problem');
    expect(status.problem).toMatch(/is a file, not a folder/);
  });
});

describe('moving a file out of processing/', () => {
  it('finishes a move a crash cut between the link and the unlink, without a second copy', async () => {
    const { moveWithoutOverwrite } = await import('../../main/engine/hotfolder/folderFiles');
    const base = mkdtempSync(join(tmpdir(), 'faxbot-hot-move-'));
    await mkdir(join(base, 'processing'));
    await mkdir(join(base, 'sent'));
    await writeFile(join(base, 'processing', 'abc.pdf'), 'the printed file');
    // As a crash leaves it: linked into sent/, still in processing/.
    const { link } = await import('node:fs/promises');
    await link(join(base, 'processing', 'abc.pdf'), join(base, 'sent', 'letter.pdf'));
    expect(await moveWithoutOverwrite(join(base, 'processing', 'abc.pdf'), join(base, 'sent'), 'letter.pdf')).toBe('letter.pdf');
    expect(await readdir(join(base, 'sent'))).toEqual(['letter.pdf']);
    expect(await readdir(join(base, 'processing'))).toEqual([]);
    // A different file of the same name is never replaced.
    await writeFile(join(base, 'processing', 'def.pdf'), 'another printed file');
    expect(await moveWithoutOverwrite(join(base, 'processing', 'def.pdf'), join(base, 'sent'), 'letter.pdf')).toBe('letter (2).pdf');
    expect(await readFile(join(base, 'sent', 'letter.pdf'), 'utf8')).toBe('the printed file');
  });
});
