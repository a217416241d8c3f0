#!/usr/bin/env node
// `npm run dist`: package the installers with electron-builder. electron-builder 26 needs
// Node 22.12 or newer (its @electron/rebuild does), so it is an optional dependency that
// npm leaves out on older Node; this says so instead of failing with a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const builder = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');

if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `npm run dist needs Node.js 22.12 or newer (this is ${process.versions.node}): electron-builder 26 requires it. Faxbot itself, npm run serve and the tests run on Node 20.19+.\n`,
  );
  process.exit(1);
}
if (!existsSync(builder)) {
  process.stderr.write('electron-builder is not installed: run npm install again with this Node (22.12+), then npm run dist.\n');
  process.exit(1);
}
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const dist = spawnSync(process.execPath, [builder, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(dist.status ?? 1);
