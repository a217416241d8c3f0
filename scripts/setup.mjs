#!/usr/bin/env node
// `npm run setup`: puts a `faxbot` command on this computer that runs THIS checkout with THIS
// Node, by absolute path. `npx faxbot` outside the checkout would ask the npm registry for a
// package named faxbot — someone else's code, and as root for `sudo … printer install`.
// The launcher goes to ~/.local/bin (or --bin-dir DIR, or FAXBOT_BIN_DIR); nothing else changes.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'faxbot.js');
const MARK = '# Faxbot launcher (npm run setup)';

export function launcherScript(node = process.execPath, bin = BIN) {
  const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\n${MARK}: runs ${bin} with ${node}.\nexec ${quote(node)} ${quote(bin)} "$@"\n`;
}

function main(argv, env) {
  const at = argv.indexOf('--bin-dir');
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      'Usage: npm run setup [-- --bin-dir DIR]\n\nInstalls the faxbot command (a small launcher for this checkout) in ~/.local/bin, or DIR.\n',
    );
    return 0;
  }
  if (at !== -1 && !argv[at + 1]) {
    process.stderr.write('setup: --bin-dir needs a folder, for example: npm run setup -- --bin-dir ~/bin\n');
    return 2;
  }
  const dir = resolve(at !== -1 ? argv[at + 1] : env.FAXBOT_BIN_DIR || join(homedir(), '.local', 'bin'));
  const target = join(dir, process.platform === 'win32' ? 'faxbot.cmd' : 'faxbot');
  if (
    existsSync(target) &&
    !readFileSync(target, 'utf8').includes(MARK) &&
    !readFileSync(target, 'utf8').includes('@rem Faxbot launcher')
  ) {
    process.stderr.write(`setup: ${target} exists and is not a Faxbot launcher: move it away, or choose another folder with --bin-dir.\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  if (process.platform === 'win32') writeFileSync(target, `@rem Faxbot launcher (npm run setup)\r\n@"${process.execPath}" "${BIN}" %*\r\n`);
  else {
    writeFileSync(target, launcherScript());
    chmodSync(target, 0o755);
  }
  const onPath = (env.PATH ?? '').split(delimiter).some((entry) => resolve(entry) === dir);
  process.stdout.write(`Installed the faxbot command: ${target}\n  it runs ${BIN}\n  with ${process.execPath}\n`);
  if (!onPath) process.stdout.write(`${dir} is not on your PATH: add it (for example in ~/.profile), or run ${target} by its full path.\n`);
  process.stdout.write(`For the printer (needs root): sudo ${target} printer install\n`);
  process.stdout.write(`For an AI assistant: ${target} mcp --help shows its configuration, with these paths.\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2), process.env);
