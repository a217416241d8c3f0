#!/usr/bin/env node
// npm install's last step: fetch the Electron program for `npm start`. Electron's own
// install script downloads it from GitHub and fails the whole `npm install` where GitHub
// cannot be reached (a clinic behind a strict proxy), leaving node_modules empty. So npm
// does not run that script (package.json "allowScripts": electron false); this one does,
// and a failed download only means the desktop app waits for it: everything else —
// `npm run serve`, the tests, the `faxbot` command — is installed and works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs Electron's installer in `root`; says what happened; never fails the install. */
export function fetchElectron(root = ROOT, env = process.env) {
  const INSTALLER = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(INSTALLER)) return 0; // installed without dev dependencies (npm install --omit=dev)
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    process.stdout.write(
      'faxbot: the Electron program was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set); npm start says how to get it.\n',
    );
    return 0;
  }
  const run = spawnSync(process.execPath, [INSTALLER], {
    cwd: dirname(INSTALLER),
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (run.status === 0) return 0;
  const firstLine = (run.stderr || run.error?.message || '').split('\n').find((line) => line.trim()) ?? 'no reason given';
  process.stdout.write(
    [
      `faxbot: the Electron program could not be downloaded (${firstLine.trim().slice(0, 160)}).`,
      'Everything else is installed: `npm run serve` runs Faxbot in your browser now.',
      '`npm start` (the desktop app) says how to get Electron once this computer can reach github.com.',
      '',
    ].join('\n'),
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = fetchElectron();
