// The package folder, found from this file: it is main/commands/ when run from source
// (tsx) and out/main/ when built, so the depth differs and a fixed "../.." would be wrong.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'faxbot-desktop';

let found: { root: string; version: string } | null = null;

function locate(): { root: string; version: string } {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === PACKAGE_NAME) return (found = { root: dir, version: parsed.version ?? '0.0.0' });
      } catch {
        // Not ours or unreadable: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (found = { root: process.cwd(), version: '0.0.0' });
    dir = parent;
  }
}

export const packageRoot = (): string => locate().root;
export const packageVersion = (): string => locate().version;
/** Where `electron-vite build` puts the window. */
export const rendererDir = (): string => join(packageRoot(), 'out', 'renderer');
