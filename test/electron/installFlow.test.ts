// First contact: `npm install` where Electron's program cannot be downloaded still succeeds
// (our postinstall runs Electron's installer and only reports its failure), and a half-done
// install is said in words by every way of starting Faxbot, never a module-not-found trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const { fetchElectron } = (await import(pathToFileURL(join(ROOT, 'scripts', 'install-electron.mjs')).href)) as {
  fetchElectron(root: string, env: Record<string, string | undefined>): number;
};

/** A folder with an Electron package whose installer behaves as told. */
function withElectronInstaller(script: string): string {
  const root = mkdtempSync(join(tmpdir(), 'faxbot-install-'));
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'electron', 'install.js'), script);
  return root;
}

function captured(work: () => number): { code: number; out: string } {
  const writes: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    return { code: work(), out: writes.join('') };
  } finally {
    process.stdout.write = original;
  }
}

describe('npm install without Electron’s download', () => {
  it('succeeds when the download fails, and says in one sentence what that means', () => {
    const root = withElectronInstaller("console.error('TypeError: fetch failed\\n    at node:internal/deps/undici'); process.exit(1);\n");
    const { code, out } = captured(() => fetchElectron(root, { PATH: process.env.PATH }));
    expect(code).toBe(0);
    expect(out).toMatch(/faxbot: the Electron program could not be downloaded \(TypeError: fetch failed\)\./);
    expect(out).toMatch(/`npm run serve` runs Faxbot in your browser now/);
  });

  it('installs Electron as before where the download works, and skips it when told to', () => {
    const root = withElectronInstaller("require('fs').writeFileSync('downloaded', 'yes');\n");
    expect(captured(() => fetchElectron(root, { PATH: process.env.PATH })).code).toBe(0);
    expect(readFileSync(join(root, 'node_modules', 'electron', 'downloaded'), 'utf8')).toBe('yes');
    const skipped = withElectronInstaller("require('fs').writeFileSync('downloaded', 'yes');\n");
    const { out } = captured(() => fetchElectron(skipped, { PATH: process.env.PATH, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }));
    expect(out).toMatch(/was not downloaded \(ELECTRON_SKIP_BINARY_DOWNLOAD is set\)/);
  });

  it('is what package.json runs: npm does not run Electron’s own installer, and packaging tools are optional', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      allowScripts: Record<string, boolean>;
      optionalDependencies: Record<string, string>;
    };
    expect(pkg.allowScripts.electron).toBe(false);
    expect(pkg.scripts.postinstall).toBe('node scripts/install-electron.mjs');
    expect(Object.keys(pkg.optionalDependencies)).toContain('electron-builder');
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });
});

describe('a half-done install', () => {
  it('npm run serve, the faxbot command and npm start say which packages are missing and to run npm install', () => {
    const copy = mkdtempSync(join(tmpdir(), 'faxbot-noinstall-'));
    for (const part of ['bin', 'scripts', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    const serve = spawnSync(process.execPath, [join(copy, 'bin', 'faxbot.js'), 'serve'], { cwd: copy, encoding: 'utf8' });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toMatch(/^faxbot: Faxbot's packages are not installed completely \(missing: better-sqlite3, .*tsx\)\./);
    expect(serve.stderr).toMatch(/run:\n {2}npm install/);
    expect(serve.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|at .*\.js:\d+/);
    const start = spawnSync(process.execPath, [join(copy, 'scripts', 'start-electron.mjs')], { cwd: copy, encoding: 'utf8' });
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/Faxbot's packages are not installed completely/);
    // The real checkout is complete: the same check passes.
    expect(execFileSync(process.execPath, [join(ROOT, 'bin', 'faxbot.js'), '--version'], { encoding: 'utf8' }).trim()).toMatch(
      /^\d+\.\d+\.\d+$/,
    );
  });
});
