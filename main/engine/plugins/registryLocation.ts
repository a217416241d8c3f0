// Where config/plugin_registry.json is: beside the package's package.json. From source
// (tsx) this file is in main/engine/plugins/, built it is bundled into out/main/, and in
// the packaged app both sit inside app.asar — so walk up to our package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function defaultRegistryPath(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'faxbot-desktop')
          return (cached = join(dir, 'config', 'plugin_registry.json'));
      } catch {
        // Not ours or unreadable: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = join(process.cwd(), 'config', 'plugin_registry.json'));
    dir = parent;
  }
}
