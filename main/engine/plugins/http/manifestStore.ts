// Imported manifests live one per file in <dataDir>/plugins/<id>.json, each written atomically.
// A file that no longer passes the checks (edited by hand, or from an older Faxbot) is left out
// with a problem in words, never a crash.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FaxError } from '../../../../shared/errors';
import type { PluginManifest } from '../../../../shared/plugins';
import { writeFileAtomic } from '../../atomicFile';
import { checkHttpManifest } from './manifestCheck';
import type { HttpProviderManifest } from './manifestTypes';

export interface ImportedManifests {
  manifests: HttpProviderManifest[];
  /** Files left out, each with why. */
  problems: string[];
}

/** What the catalog and the Plugins tab show for an imported manifest. */
export function pluginManifestOf(manifest: HttpProviderManifest): PluginManifest {
  return {
    id: manifest.id,
    name: manifest.name,
    version: manifest.version,
    kinds: ['outbound'],
    capabilities: manifest.actions.cancel_fax ? ['send', 'status', 'cancel'] : ['send', 'status'],
    description:
      manifest.description ?? `${manifest.name}, added from an imported manifest. It can call only ${manifest.allowed_domains.join(', ')}.`,
    ...(manifest.helpUrl ? { helpUrl: manifest.helpUrl } : {}),
    source: 'manifest',
    settingsSchema: manifest.settingsSchema,
  };
}

export class HttpManifestStore {
  // Read once, then kept: the files change only through save and remove.
  private cache: ImportedManifests | null = null;

  constructor(readonly dir: string) {}

  pathOf(id: string): string {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(id)) throw new FaxError('invalid_input', `"${id}" is not a plugin id.`, { field: 'id' });
    return join(this.dir, `${id}.json`);
  }

  list(): ImportedManifests {
    this.cache ??= this.read();
    return this.cache;
  }

  /** The catalog's view of every imported manifest. */
  pluginManifests(): PluginManifest[] {
    return this.list().manifests.map(pluginManifestOf);
  }

  private read(): ImportedManifests {
    const result: ImportedManifests = { manifests: [], problems: [] };
    let names: string[];
    try {
      names = readdirSync(this.dir)
        .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
        .sort();
    } catch {
      return result;
    }
    for (const name of names) {
      try {
        const manifest = checkHttpManifest(JSON.parse(readFileSync(join(this.dir, name), 'utf8')));
        if (`${manifest.id}.json` !== name) throw new Error(`it declares the id ${manifest.id}`);
        result.manifests.push(manifest);
      } catch (error) {
        result.problems.push(
          `The imported provider ${join(this.dir, name)} was left out: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return result;
  }

  get(id: string): HttpProviderManifest | null {
    return this.list().manifests.find((manifest) => manifest.id === id) ?? null;
  }

  has(id: string): boolean {
    return existsSync(this.pathOf(id));
  }

  /** Stores a manifest already checked by checkHttpManifest. */
  save(manifest: HttpProviderManifest): void {
    writeFileAtomic(this.pathOf(manifest.id), JSON.stringify(manifest, null, 2) + '\n', 0o644);
    this.cache = null;
  }

  remove(id: string): void {
    rmSync(this.pathOf(id), { force: true });
    this.cache = null;
  }
}
