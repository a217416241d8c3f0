// Plugin secrets (API secrets, passwords) kept sealed by the engine's KeyWrapper — the OS
// keychain in the app, FAXBOT_MASTER_KEY or the 0600 key file headless — in one small file
// in the data folder. The plugin config file never holds them, and nothing here logs them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaxError } from '../../../shared/errors';
import type { KeyWrapper } from '../storage';
import { writeFileAtomic } from '../atomicFile';

export interface SecretStore {
  get(pluginId: string, field: string): string | null;
  set(pluginId: string, field: string, value: string | null): void;
}

export const PLUGIN_SECRETS_FILE = 'plugin-secrets.sealed';

type Sealed = Record<string, Record<string, string>>;

export class SealedSecretStore implements SecretStore {
  readonly path: string;
  private secrets: Sealed;

  constructor(
    dataDir: string,
    private readonly wrapper: KeyWrapper,
  ) {
    this.path = join(dataDir, PLUGIN_SECRETS_FILE);
    this.secrets = this.load();
  }

  get(pluginId: string, field: string): string | null {
    return this.secrets[pluginId]?.[field] ?? null;
  }

  set(pluginId: string, field: string, value: string | null): void {
    this.setMany(pluginId, { [field]: value });
  }

  /** Several fields of one plugin in one sealed write: a save never keeps half its secrets. */
  setMany(pluginId: string, changes: Record<string, string | null>): void {
    const next: Sealed = structuredClone(this.secrets);
    const plugin = { ...(next[pluginId] ?? {}) };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null || value === '') delete plugin[field];
      else plugin[field] = value;
    }
    if (Object.keys(plugin).length) next[pluginId] = plugin;
    else delete next[pluginId];
    writeFileAtomic(this.path, this.wrapper.wrap(Buffer.from(JSON.stringify(next), 'utf8')));
    this.secrets = next;
  }

  private load(): Sealed {
    if (!existsSync(this.path)) return {};
    try {
      const parsed = JSON.parse(this.wrapper.unwrap(readFileSync(this.path)).toString('utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as Sealed;
    } catch (error) {
      throw new FaxError(
        'storage_error',
        `The plugin secrets in ${this.path} cannot be unlocked with ${this.wrapper.description}: it is not the key this data folder was set up with. Use the original key (FAXBOT_MASTER_KEY or master.key), or delete that file and enter the plugins' passwords and API secrets again in Settings → Plugins.`,
        { cause: error },
      );
    }
  }
}
