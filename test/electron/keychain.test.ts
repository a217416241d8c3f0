// The app's data key wrapped by the OS keychain (Electron safeStorage), through the fake
// 'electron' module: a real engine on a real data folder, and what Settings is told.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { RpcReply } from '../../shared/contract';
import { ipcChannel } from '../../shared/contract';
import type { StorageInfo } from '../../shared/model';
import { createEngine, loadConfig } from '../../main/engine';
import { loadDataKey } from '../../main/engine/storage';
import { testLogger } from '../support/testLog';
import { keepLogLine } from '../support/testLog';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');
const { keychainKeyWrapper, NO_KEYCHAIN_WARNING, PLAIN_TEXT_WARNING } = await import('../../main/electron/keychainKeyWrapper');
const { startFaxbotShell } = await import('../../main/electron/index');

const folders: string[] = [];
const newFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-keychain-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  fake.safeStorage.available = true;
  fake.safeStorage.backend = 'gnome_libsecret';
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function engineOn(dataDir: string) {
  return createEngine({
    config: loadConfig({ dataDir, webhookPort: 0, simulatorTimeScale: 0.01 }, {}),
    logger: testLogger('error'),
    headless: false,
    keyWrapper: keychainKeyWrapper(fake.safeStorage, dataDir, 'linux'),
  });
}

describe('the OS keychain key wrapper', () => {
  it('wraps the data key with safeStorage: no key file, and the key never on disk bare', async () => {
    const dataDir = newFolder();
    const wrapper = keychainKeyWrapper(fake.safeStorage, dataDir, 'linux');
    expect(wrapper.description).toBe('the OS keychain');
    expect(wrapper.warning).toBeUndefined();
    const key = loadDataKey(dataDir, wrapper);
    expect(readFileSync(join(dataDir, 'data.key')).includes(key)).toBe(false);
    expect(readFileSync(join(dataDir, 'data.key')).toString('utf8')).not.toContain(key.toString('base64'));
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    // The same keychain opens it again on the next start; another keychain cannot.
    expect(loadDataKey(dataDir, keychainKeyWrapper(fake.safeStorage, dataDir, 'linux')).equals(key)).toBe(true);
    const secret = fake.safeStorage.keychainSecret;
    fake.safeStorage.keychainSecret = Buffer.alloc(32, 7);
    try {
      expect(() => loadDataKey(dataDir, keychainKeyWrapper(fake.safeStorage, dataDir, 'linux'))).toThrow(
        /cannot be unlocked with the OS keychain/,
      );
    } finally {
      fake.safeStorage.keychainSecret = secret;
    }
  });

  it('tells Settings about the plain-text fallback on Linux, and how to fix it', async () => {
    fake.safeStorage.backend = 'basic_text';
    const engine = await engineOn(newFolder());
    try {
      const { keyProtection } = await engine.call('getStorageInfo', {});
      expect(keyProtection.description).toMatch(/OS keychain \(plain-text fallback/);
      expect(keyProtection.warning).toBe(PLAIN_TEXT_WARNING);
      expect(keyProtection.warning).toMatch(/GNOME Keyring or KWallet/);
    } finally {
      await engine.close();
    }
    // Elsewhere the backend question does not arise.
    expect(keychainKeyWrapper(fake.safeStorage, newFolder(), 'darwin').warning).toBeUndefined();
  });

  it('still works without a keychain, with a 0600 key file and a warning', async () => {
    fake.safeStorage.available = false;
    const dataDir = newFolder();
    const engine = await engineOn(dataDir);
    try {
      const { keyProtection } = await engine.call('getStorageInfo', {});
      expect(keyProtection.description).toMatch(/master\.key \(the OS keychain was not available\)/);
      expect(keyProtection.warning).toBe(NO_KEYCHAIN_WARNING);
      expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    } finally {
      await engine.close();
    }
  });

  it('refuses, saying to unlock the keyring, when the keychain that holds the key is gone', async () => {
    const dataDir = newFolder();
    await (await engineOn(dataDir)).close();
    fake.safeStorage.available = false;
    await expect(async () => engineOn(dataDir)).rejects.toThrow(
      /kept in the OS keychain, which is not available now\. Unlock your keyring/,
    );
    // Nothing was re-keyed behind the person's back.
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('is what the app shell hands the engine', async () => {
    fake.safeStorage.backend = 'basic_text';
    const root = newFolder();
    const dataDir = join(root, 'data');
    fake.app.paths.userData = join(root, 'userData');
    const env = { FAXBOT_LOG_LEVEL: 'error', FAXBOT_PORT: '0', FAXBOT_WEBHOOK_PORT: '0' };
    const starting = startFaxbotShell({
      writeLog: keepLogLine,
      preloadPath: join(root, 'preload.cjs'),
      rendererDir: join(root, 'renderer'),
      argv: ['electron', '.', '--data-dir', dataDir],
      env,
    });
    fake.app.becomeReady();
    const shell = await starting;
    if (!shell) throw new Error(`the shell did not start: ${JSON.stringify(fake.dialog.errors)}`);
    try {
      const handler = fake.ipcMain.handlers.get(ipcChannel('getStorageInfo'))!;
      const wc = fake.BrowserWindow.created.at(-1)!.webContents;
      const reply = (await handler({ sender: wc, senderFrame: wc.mainFrame }, {})) as RpcReply<StorageInfo>;
      expect(reply.ok).toBe(true);
      if (reply.ok)
        expect(reply.result.keyProtection.description).toMatch(
          process.platform === 'linux' ? /OS keychain \(plain-text/ : /^the OS keychain$/,
        );
      expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    } finally {
      await shell.engine.close();
    }
  });
});
