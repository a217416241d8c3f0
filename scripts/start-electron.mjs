#!/usr/bin/env node
// `npm start`: run Faxbot Desktop in Electron. It checks the Electron binary is there (it is
// not where ELECTRON_SKIP_BINARY_DOWNLOAD=1 was used), builds out/ when sources are newer,
// makes a copy of better-sqlite3 built for Electron in .electron-native/ (node_modules keeps
// the Node build that tests and `faxbot serve` use), then launches `electron .`.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { incompleteInstallMessage, missingPackages } from './installCheck.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
export const BUILD_INPUTS = ['main', 'preload', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json'];
export const NATIVE_DIR = '.electron-native';
export const NATIVE_BINDING = 'better_sqlite3.node';

/**
 * The Electron executable, as the `electron` package resolves it (its path.txt, or
 * ELECTRON_OVERRIDE_DIST_PATH), and whether that file is really there.
 * @returns {{ path: string } | { problem: string }}
 */
export function findElectronBinary(root = ROOT) {
  const local = createRequire(join(root, 'package.json'));
  let path;
  try {
    const id = local.resolve('electron');
    delete local.cache[id];
    path = local(id);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { problem: `no Electron executable at ${path}` };
  return { path };
}

/** What a person needs to know when Electron is missing. */
export function missingElectronMessage(problem) {
  return [
    'Faxbot Desktop cannot start: the Electron binary is not installed.',
    `(${problem})`,
    '',
    'npm installs the Electron package but downloads its program separately, from GitHub.',
    'That download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or could not reach the internet.',
    '',
    'To get it, on a machine that can reach github.com, with ELECTRON_SKIP_BINARY_DOWNLOAD unset:',
    '  node node_modules/electron/install.js        downloads it now, or',
    '  npm install                                   runs it again',
    'Or point at an Electron you already have:',
    '  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-folder npm start',
    '',
    'Meanwhile, use Faxbot in a browser instead:',
    '  npm run serve      then open the address it prints',
  ].join('\n');
}

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

/** True when an output is missing or any source changed after the oldest output was built. */
export function buildIsStale(root = ROOT) {
  const outputs = BUILD_OUTPUTS.map((file) => join(root, file));
  if (outputs.some((file) => !existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return BUILD_INPUTS.some((input) => newestChange(join(root, input)) > built);
}

function packageVersion(root, name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** What the Electron copy of better-sqlite3 must match; a change means a rebuild. */
export function nativeTarget(root = ROOT) {
  return {
    electron: packageVersion(root, 'electron'),
    betterSqlite3: packageVersion(root, 'better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
}

export function nativeBindingIsCurrent(root, target) {
  const stamp = join(root, NATIVE_DIR, 'stamp.json');
  if (!existsSync(join(root, NATIVE_DIR, NATIVE_BINDING)) || !existsSync(stamp)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(stamp, 'utf8'))) === JSON.stringify(target);
  } catch {
    return false;
  }
}

/** A file inside an installed package (their `exports` maps hide bin files from require.resolve). */
function packageFile(name, file) {
  return join(ROOT, 'node_modules', name, file);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/**
 * Builds better-sqlite3 for Electron in a temporary copy, so node_modules is never touched:
 * first a prebuilt binary (prebuild-install), else a compile against Electron's headers
 * (node-gyp). Both need the internet; the compile also needs python3, make and a C++ compiler.
 */
export function buildNativeBinding(root, target) {
  const work = mkdtempSync(join(tmpdir(), 'faxbot-sqlite-electron-'));
  const copy = join(work, 'better-sqlite3');
  try {
    cpSync(join(root, 'node_modules', 'better-sqlite3'), copy, {
      recursive: true,
      filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
    });
    const node = process.execPath;
    const fetched = run(
      node,
      [
        packageFile('prebuild-install', 'bin.js'),
        '--runtime',
        'electron',
        '--target',
        target.electron,
        '--arch',
        target.arch,
        '--platform',
        target.platform,
      ],
      copy,
    );
    const built =
      fetched ||
      run(
        node,
        [
          packageFile('node-gyp', 'bin/node-gyp.js'),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${target.electron}`,
          '--dist-url=https://electronjs.org/headers',
          `--arch=${target.arch}`,
        ],
        copy,
      );
    const binary = join(copy, 'build', 'Release', NATIVE_BINDING);
    if (!built || !existsSync(binary)) return false;
    mkdirSync(join(root, NATIVE_DIR), { recursive: true });
    cpSync(binary, join(root, NATIVE_DIR, NATIVE_BINDING));
    writeFileSync(join(root, NATIVE_DIR, 'stamp.json'), JSON.stringify(target));
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function main(args = process.argv.slice(2)) {
  const missing = missingPackages(ROOT);
  if (missing.length) {
    console.error(incompleteInstallMessage(ROOT, missing));
    return 1;
  }
  const electron = findElectronBinary(ROOT);
  if ('problem' in electron) {
    console.error(missingElectronMessage(electron.problem));
    return 1;
  }

  if (buildIsStale(ROOT)) {
    console.log('Building Faxbot (electron-vite build)…');
    if (!run(process.execPath, [packageFile('electron-vite', 'bin/electron-vite.js'), 'build'], ROOT)) {
      console.error('The build failed; the errors are above. Fix them, or run `npm run build` to see them again.');
      return 1;
    }
  }

  if (!process.env.FAXBOT_SQLITE_BINDING) {
    const target = nativeTarget(ROOT);
    if (!nativeBindingIsCurrent(ROOT, target)) {
      console.log(`Building the SQLite module for Electron ${target.electron} into ${NATIVE_DIR}/ (once per Electron version)…`);
      if (!buildNativeBinding(ROOT, target)) {
        console.error(
          [
            `Could not build better-sqlite3 for Electron ${target.electron}.`,
            'It needs either a prebuilt binary from github.com or, failing that, Electron headers from',
            'electronjs.org plus python3, make and a C++ compiler. Install those (Debian: apt-get install',
            'python3 make g++) and try again, or build it elsewhere and set FAXBOT_SQLITE_BINDING to its path.',
            'Meanwhile `npm run serve` runs Faxbot in a browser with the Node build.',
          ].join('\n'),
        );
        return 1;
      }
    }
  }

  const child = spawn(electron.path, ['.', ...args], { cwd: ROOT, stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return await new Promise((resolveExit) => {
    child.on('error', (error) => {
      console.error(`Could not start Electron at ${electron.path}: ${error.message}`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
