// "Test connection" and the start-up check of Apply: build a fresh instance of the plugin
// from the given settings and run its check — credentials against the provider, the AMI
// login for SIP, a storage round trip — within a time limit, and say in words what happened.
import { isFaxError } from '../../../../shared/errors';
import type { PluginManifest } from '../../../../shared/plugins';
import type { ProviderPlugin } from '../../providers';
import { createProvider, type PluginEnv, type ProviderBuildDeps } from './providerFactory';
import { closeDocumentStore, createDocumentStore, isStoragePlugin, storageRoundTrip } from './storageSlot';
import { withTimeLimit } from './timeLimit';

export interface PluginCheckDeps extends ProviderBuildDeps {
  dataDir: string;
  timeoutMs: number;
}

export interface PluginCheckOutcome {
  ok: boolean;
  message: string;
}

/** What each built-in check proves, for the success message. */
const CHECKED: Record<string, string> = {
  phaxio: 'the API key and secret were accepted (account status read)',
  sinch: 'the project id and access key were accepted (fax services listed)',
  sip: 'Asterisk accepted the AMI login and the spool folder is writable',
};

export async function checkPlugin(manifest: PluginManifest, env: PluginEnv, deps: PluginCheckDeps): Promise<PluginCheckOutcome> {
  const name = manifest.name;
  if (isStoragePlugin(manifest.id)) {
    try {
      const store = createDocumentStore(manifest.id, env, deps);
      try {
        const done = await withTimeLimit(storageRoundTrip(store), deps.timeoutMs, name);
        return { ok: true, message: `${name} works: Faxbot ${done}.` };
      } finally {
        closeDocumentStore(store);
      }
    } catch (error) {
      return { ok: false, message: `${name} failed its storage test (write, read back, delete): ${inWords(error)}` };
    }
  }
  if (manifest.id === 'simulator')
    return { ok: true, message: `${name} needs no connection: it runs on this computer and sends nothing anywhere.` };
  let provider: ProviderPlugin;
  try {
    provider = createProvider(manifest.id, env, deps);
  } catch (error) {
    return { ok: false, message: `${name} cannot be set up with these settings: ${inWords(error)}` };
  }
  if (!provider.testConnection)
    return {
      ok: true,
      message: `${name} has no connection check of its own; its settings are complete. The first fax sent through it is the real test.`,
    };
  try {
    await withTimeLimit(provider.testConnection(), deps.timeoutMs, name);
    return { ok: true, message: `${name} works: ${CHECKED[manifest.id] ?? 'its connection check passed'}.` };
  } catch (error) {
    return { ok: false, message: `${name} failed its connection test: ${inWords(error)}` };
  } finally {
    // Never started, but a client may hold a socket open after a timed-out check.
    await provider.stop().catch(() => undefined);
  }
}

function inWords(error: unknown): string {
  if (isFaxError(error)) return error.message;
  return `${(error as Error)?.message ?? String(error)}. Check the settings and try again.`;
}
