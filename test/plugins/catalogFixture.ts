// A plugin catalog over real files in a fresh folder: the shipped registry, a config file,
// and secrets sealed under a random master key, with the environment the test gives.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger } from '../../main/engine/log';
import { PluginCatalog, PluginConfigStore, SealedSecretStore } from '../../main/engine/plugins';
import { masterKeyWrapper, type KeyWrapper } from '../../main/engine/storage';

export const SHIPPED_REGISTRY = resolve(import.meta.dirname, '..', '..', 'config', 'plugin_registry.json');
export const quiet = createLogger({ level: 'error', write: () => undefined });

export interface CatalogFixture {
  folder: string;
  configPath: string;
  wrapper: KeyWrapper;
  store: PluginConfigStore;
  secrets: SealedSecretStore;
  catalog: PluginCatalog;
  /** The same folder opened again, as after a restart, with another environment if given. */
  reopen(env?: Record<string, string>): CatalogFixture;
}

export function catalogFixture(
  env: Record<string, string> = {},
  folder = mkdtempSync(join(tmpdir(), 'faxbot-plugins-')),
  wrapper = masterKeyWrapper(randomBytes(32), 'a test key'),
): CatalogFixture {
  const configPath = join(folder, 'faxbot.config.json');
  const store = new PluginConfigStore({ path: configPath, backups: 10 });
  const secrets = new SealedSecretStore(folder, wrapper);
  const catalog = new PluginCatalog({ registryPath: SHIPPED_REGISTRY, env, store, secrets, logger: quiet });
  return { folder, configPath, wrapper, store, secrets, catalog, reopen: (next = env) => catalogFixture(next, folder, wrapper) };
}

/** The FaxError a call throws (fails the test when it does not throw). */
export function refusal(run: () => unknown): { code: string; message: string; fields?: Record<string, string> } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string; fields?: Record<string, string> };
  }
  throw new Error('expected a refusal, but it went through');
}

export const NOTHING_ACTIVE = { outbound: 'simulator', inbound: 'simulator', storage: 'local' };
