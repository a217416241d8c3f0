// Whether `npm install` finished: the packages Faxbot cannot start without. Used by
// bin/faxbot.js (npm run serve, the faxbot command) and npm start, so an install that failed
// half-way is said in words ("run npm install") instead of an ERR_MODULE_NOT_FOUND stack trace.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const NEEDED = ['better-sqlite3', 'zod', 'pdf-lib', 'pdfjs-dist', 'busboy', 'tsx'];

/** The packages of NEEDED that cannot be found from `root`. */
export function missingPackages(root) {
  const local = createRequire(join(root, 'package.json'));
  return NEEDED.filter((name) => {
    try {
      local.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
}

export function incompleteInstallMessage(root, missing) {
  return [
    `Faxbot's packages are not installed completely (missing: ${missing.join(', ')}).`,
    `In ${root}, run:`,
    '  npm install',
    'It also works where Electron cannot be downloaded: then only the desktop app waits for it,',
    'and `npm run serve` runs Faxbot in a browser (README, "Troubleshooting").',
  ].join('\n');
}
