// The packaged app, as far as the shell decides it: app.isPackaged turns the crash tests'
// fault points off before the engine starts, so FAXBOT_FAULT_POINT cannot kill a real install.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel, type RpcReply } from '../../shared/contract';
import { keepLogLine } from '../support/testLog';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');
const { startFaxbotShell } = await import('../../main/electron/index');
const { faultPointsEnabled } = await import('../../main/engine');

const root = mkdtempSync(join(tmpdir(), 'faxbot-packaged-'));
const env = { FAX_BACKEND: 'simulator', FAXBOT_LOG_LEVEL: 'error', FAXBOT_PORT: '0', FAXBOT_WEBHOOK_PORT: '0' };
let shell: Awaited<ReturnType<typeof startFaxbotShell>> = null;

afterAll(async () => {
  delete process.env.FAXBOT_FAULT_POINT;
  await shell?.engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a packaged Faxbot', () => {
  it('reaches a fault point named in FAXBOT_FAULT_POINT and carries on', async () => {
    fake.app.isPackaged = true;
    fake.app.paths.userData = join(root, 'userData');
    // Read where the engine reads it: were the point live, this test's process would be killed here.
    process.env.FAXBOT_FAULT_POINT = 'job-created';
    const starting = startFaxbotShell({
      writeLog: keepLogLine,
      preloadPath: join(root, 'out/preload/index.cjs'),
      rendererDir: join(root, 'out/renderer'),
      argv: ['faxbot', '--data-dir', join(root, 'data')],
      env,
    });
    fake.app.becomeReady();
    shell = await starting;
    expect(shell).not.toBeNull();
    expect(faultPointsEnabled()).toBe(false);

    const window = fake.BrowserWindow.created.at(-1)!;
    const call = async (name: string, payload: unknown) =>
      (await fake.ipcMain.handlers.get(ipcChannel(name as never))!(
        { sender: window.webContents, senderFrame: window.webContents.mainFrame },
        payload,
      )) as RpcReply<{ documentId: string; id: string; status: string }>;
    const staged = await call('stageDocument', { fileName: 'a.txt', contentBase64: Buffer.from('hello').toString('base64') });
    if (!staged.ok) throw new Error(staged.error.message);
    const sent = await call('sendFax', { to: '+12025550143', documentIds: [staged.result.documentId] });
    expect(sent).toMatchObject({ ok: true, result: { status: 'queued' } });
  });
});
