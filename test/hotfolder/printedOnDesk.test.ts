// The desk's side of Print to Faxbot, with the real stores over either transport (the HTTP
// bridge, the emulated desktop preload) to a real engine watching a real folder: a pickup lands on Send with its number, documents
// waiting from before the window opened are loaded, and a "printed twice" question is answered.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../renderer/src/stores';
import { connectDesk, TRANSPORTS, whenStore, type DeskConnection, type DeskTransport } from '../renderer/deskEngine';
import { makeTestPdf } from '../support/pdfs';
import { startWatchedEngine, type WatchedEngine } from './hotFolderFixture';

let running: { watched: WatchedEngine; connection: DeskConnection; stop: () => void } | null = null;
afterEach(async () => {
  running?.stop();
  await running?.connection.close();
  await running?.watched.close();
  running = null;
});

async function openDesk(
  transport: DeskTransport,
  env: Record<string, string> = {},
  dirs: { dataDir?: string; folder?: string } = {},
): Promise<{ desk: Desk; watched: WatchedEngine }> {
  const watched = await startWatchedEngine(env, dirs);
  const connection = await connectDesk(watched.engine, transport);
  const desk = createDesk(connection.api);
  const stop = desk.start();
  running = { watched, connection, stop };
  return { desk, watched };
}

const names = (desk: Desk) => desk.send.getState().documents.map((d) => d.fileName);

describe.each(TRANSPORTS)('printed documents on the desk over %s', (transport) => {
  it('opens Send with the printed document and the number its name gave', async () => {
    const { desk, watched } = await openDesk(transport);
    desk.nav.getState().go('inbox');
    await watched.print('fax to (202) 555-0143 - referral.pdf', await makeTestPdf(2));
    await whenStore(desk.send, (s) => s.documents.length === 1, 'the document on Send');
    expect(names(desk)).toEqual(['fax to (202) 555-0143 - referral.pdf']);
    // Shown as people write it at home; sent as E.164.
    expect(desk.send.getState().to).toBe('(202) 555-0143');
    expect(desk.nav.getState().screen).toBe('send');
    // Sent from the desk, the printed file ends in sent/.
    const job = await desk.sendAndShow();
    expect(job && 'to' in job ? job.to : null).toBe('+12025550143');
    await watched.waitForFile('sent', 'fax to (202) 555-0143 - referral.pdf');
  });

  it('loads documents printed before the window opened', async () => {
    const watched = await startWatchedEngine();
    await watched.print('early.pdf', await makeTestPdf(1));
    await watched.waitForEvent(() => watched.pickups[0], 'the pickup');
    await watched.close();
    const { desk } = await openDesk(transport, {}, { dataDir: watched.dataDir, folder: watched.folder });
    await whenStore(desk.send, (s) => s.documents.length === 1, 'the waiting document on Send');
    expect(names(desk)).toEqual(['early.pdf']);
  });

  it('keeps a number the person already typed', async () => {
    const { desk, watched } = await openDesk(transport);
    desk.send.getState().setTo('(202) 555-0177');
    await watched.print('fax to (202) 555-0143 - referral.pdf', await makeTestPdf(1));
    await whenStore(desk.send, (s) => s.documents.length === 1, 'the document on Send');
    expect(desk.send.getState().to).toBe('(202) 555-0177');
  });

  it('asks about a document printed twice and files the copy on a no', async () => {
    const { desk, watched } = await openDesk(transport);
    const pdf = await makeTestPdf(1, 'Same');
    await watched.print('first.pdf', pdf);
    await whenStore(desk.send, (s) => s.documents.length === 1, 'the first document');
    await watched.print('second.pdf', pdf);
    const asked = await whenStore(desk.printed, (s) => (s.status?.questions.length ?? 0) === 1, 'the question');
    expect(asked.status!.questions[0].fileName).toBe('second.pdf');
    await desk.printed.getState().answer(asked.status!.questions[0].fileId, false);
    expect(desk.printed.getState().status!.questions).toEqual([]);
    await watched.waitForFile('failed', 'second.pdf.reason.txt');
    expect(await readFile(join(watched.folder, 'failed', 'second.pdf.reason.txt'), 'utf8')).toMatch(/printed twice/);
    expect(names(desk)).toEqual(['first.pdf']);
  });

  it('shows the settings, locked where the environment fixes them, and refuses a bad value in words', async () => {
    const { desk } = await openDesk(transport, { FAXBOT_WATCH_AUTOSEND: 'true' });
    const status = await desk.printed.getState().load();
    expect(status).toMatchObject({ autoSend: true, lockedBy: { autoSend: 'FAXBOT_WATCH_AUTOSEND', gatherSeconds: null } });
    await desk.printed.getState().update({ gatherSeconds: 3 });
    expect(desk.printed.getState().status?.gatherSeconds).toBe(3);
    await desk.printed.getState().update({ gatherSeconds: 9999 });
    expect(desk.printed.getState().error).toMatch(/\S/);
    expect(desk.printed.getState().status?.gatherSeconds).toBe(3);
  });
});
