// `npm start` (scripts/start-electron.mjs): the message when Electron is missing, and the
// decisions it makes before launching (rebuild out/? rebuild SQLite for Electron?).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/start-electron.mjs');
type StartScript = {
  findElectronBinary(root: string): { path: string } | { problem: string };
  buildIsStale(root: string): boolean;
  nativeBindingIsCurrent(root: string, target: object): boolean;
  BUILD_OUTPUTS: string[];
};
const script = (await import(pathToFileURL(SCRIPT).href)) as StartScript;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-start-'));
  temps.push(dir);
  return dir;
}
function write(root: string, file: string, content = '', mtimeSeconds?: number): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
  if (mtimeSeconds === undefined) return;
  // The file and the folders it was created in: a new or deleted file changes its folder.
  for (let path = join(root, file); path !== root; path = dirname(path)) utimesSync(path, mtimeSeconds, mtimeSeconds);
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runScript(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

describe('npm start', () => {
  it('explains how to get Electron, and offers npm run serve, when the binary is missing', async () => {
    const empty = tempDir();
    const { code, stderr } = await runScript({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(code).toBe(1);
    expect(stderr).toContain('the Electron binary is not installed');
    expect(stderr).toContain(`no Electron executable at ${join(empty, 'electron')}`);
    expect(stderr).toContain('node node_modules/electron/install.js');
    expect(stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH=');
    expect(stderr).toContain('npm run serve');
  });

  it('finds Electron through the electron package, and only when the file exists', () => {
    const root = tempDir();
    write(root, 'package.json', '{}');
    write(root, 'node_modules/electron/package.json', '{"name":"electron","main":"index.js"}');
    write(root, 'node_modules/electron/index.js', `module.exports = ${JSON.stringify(join(root, 'dist', 'electron'))};`);
    expect(script.findElectronBinary(root)).toEqual({ problem: `no Electron executable at ${join(root, 'dist', 'electron')}` });
    write(root, 'dist/electron', '#!/bin/sh\n');
    chmodSync(join(root, 'dist/electron'), 0o755);
    expect(script.findElectronBinary(root)).toEqual({ path: join(root, 'dist', 'electron') });
    write(root, 'node_modules/electron/index.js', "throw new Error('Electron failed to install correctly')");
    expect(script.findElectronBinary(root)).toEqual({ problem: 'Electron failed to install correctly' });
  });

  it('rebuilds when an output is missing or a source is newer than the oldest output', () => {
    const root = tempDir();
    write(root, 'main/electron/index.ts', '', 1_000);
    write(root, 'package.json', '{}', 1_000);
    expect(script.buildIsStale(root)).toBe(true);
    for (const output of script.BUILD_OUTPUTS) write(root, output, '', 2_000);
    expect(script.buildIsStale(root)).toBe(false);
    write(root, 'shared/contract.ts', '', 3_000);
    expect(script.buildIsStale(root)).toBe(true);
    for (const output of script.BUILD_OUTPUTS) write(root, output, '', 4_000);
    expect(script.buildIsStale(root)).toBe(false);
    rmSync(join(root, 'shared/contract.ts'));
    expect(script.buildIsStale(root)).toBe(true);
    for (const output of script.BUILD_OUTPUTS) write(root, output, '', Date.now() / 1000 + 60);
    rmSync(join(root, 'out/preload/index.cjs'));
    expect(script.buildIsStale(root)).toBe(true);
  });

  it('rebuilds the Electron SQLite module when Electron or better-sqlite3 changes', () => {
    const root = tempDir();
    const target = { electron: '41.10.7', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
    expect(script.nativeBindingIsCurrent(root, target)).toBe(false);
    write(root, '.electron-native/better_sqlite3.node', 'binary');
    expect(script.nativeBindingIsCurrent(root, target)).toBe(false);
    write(root, '.electron-native/stamp.json', JSON.stringify(target));
    expect(script.nativeBindingIsCurrent(root, target)).toBe(true);
    expect(script.nativeBindingIsCurrent(root, { ...target, electron: '42.0.0' })).toBe(false);
    write(root, '.electron-native/stamp.json', 'not json');
    expect(script.nativeBindingIsCurrent(root, target)).toBe(false);
  });
});
