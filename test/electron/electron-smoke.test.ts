// The real app in a real Electron, driven by Playwright. It needs the Electron binary, which
// cannot be downloaded on the project's build machines (DESIGN.md), so it runs only where
// one exists and is skipped, with the reason printed, everywhere else.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../shared/contract';

function electronBinary(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    return {
      reason: `the Electron binary is not installed (${(error as Error).message}); set ELECTRON_OVERRIDE_DIST_PATH or download it to run this test`,
    };
  }
}

const binary = electronBinary();
const built = existsSync(resolve('out/main/index.js')) && existsSync(resolve('out/preload/index.cjs'));
// Electron cannot load the Node build of better-sqlite3 in node_modules; `npm start` makes one.
const sqliteForElectron = Boolean(process.env.FAXBOT_SQLITE_BINDING) || existsSync(resolve('.electron-native/better_sqlite3.node'));
const skipReason =
  'reason' in binary
    ? binary.reason
    : !built
      ? 'out/ is not built; run `npm run build` first'
      : !sqliteForElectron
        ? 'better-sqlite3 is not built for Electron; run `npm start` once (it builds .electron-native/) or set FAXBOT_SQLITE_BINDING'
        : null;
if (skipReason) console.warn(`electron-smoke skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('Faxbot in Electron', () => {
  let app: ElectronApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'faxbot-electron-'));
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: ['.', '--data-dir', dataDir, '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, FAX_BACKEND: 'simulator', ELECTRON_RENDERER_URL: '' } as Record<string, string>,
      timeout: 60_000,
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one window on app://faxbot with only window.faxbot from the preload', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).protocol).toBe('app:');
    const keys = await page.evaluate(() => Object.getOwnPropertyNames((window as unknown as { faxbot: object }).faxbot).sort());
    expect(keys).toEqual([...OPERATION_NAMES, 'on'].sort());
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.title()).not.toBe('');
  });

  it('answers calls from the page through the engine on the chosen data folder', async () => {
    const page = await app.firstWindow();
    const status = await page.evaluate(() =>
      (window as unknown as { faxbot: { getStatus(i: object): Promise<{ dataDir: string }> } }).faxbot.getStatus({}),
    );
    expect(status.dataDir).toBe(dataDir);
    const failure = await page.evaluate(() =>
      (window as unknown as { faxbot: { getJob(i: object): Promise<unknown> } }).faxbot
        .getJob({ id: '../etc' })
        .catch((e: { code: string }) => e.code),
    );
    expect(failure).toBe('invalid_input');
  });
});
