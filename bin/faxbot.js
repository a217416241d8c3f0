#!/usr/bin/env node
// The `faxbot` command. Runs the built CLI (out/main/cli.js, made by `npm install` through
// `prepare`, or `npm run build`); without a build, runs the TypeScript source through tsx,
// so `npx faxbot` works in a fresh clone too. FAXBOT_CLI_SOURCE=1 forces the source
// (tests and development, where out/ may be older than the code).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { incompleteInstallMessage, missingPackages } from '../scripts/installCheck.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// A failed or interrupted npm install: say so in words, never a module-not-found stack trace.
const missing = missingPackages(root);
if (missing.length) {
  process.stderr.write(`faxbot: ${incompleteInstallMessage(root, missing)}\n`);
  process.exit(1);
}

const built = new URL('../out/main/cli.js', import.meta.url);
const source = new URL('../main/cli.ts', import.meta.url);

let cli;
if (existsSync(fileURLToPath(built)) && process.env.FAXBOT_CLI_SOURCE !== '1') {
  cli = await import(built.href);
} else if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  process.stderr.write('faxbot: the command is not built. Run "npm run build" in the Faxbot folder, then try again.\n');
  process.exit(1);
}
await cli.run(process.argv.slice(2));
