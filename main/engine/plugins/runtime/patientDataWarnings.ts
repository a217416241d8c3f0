// The plain-language warnings Apply gives first, for changes that affect where patient data
// goes: the storage backend, a cloud provider sending for the first time, receiving moving
// to another provider, and callbacks over a public address without HTTPS.
import { STORAGE_BACKEND_PLACES } from '../../../../shared/storageMove';
import type { PluginManifest, PluginSlots } from '../../../../shared/plugins';
import { isCloudProvider } from './providerFactory';

export interface WarningFacts {
  current: PluginSlots;
  next: PluginSlots;
  manifest: (id: string) => PluginManifest;
  /** The public webhook address providers are given, or null. */
  publicBase: string | null;
  /** Whether any fax was ever handed to this provider. */
  everSentWith: (providerId: string) => boolean;
}

export function patientDataWarnings(facts: WarningFacts): string[] {
  const { current, next } = facts;
  const name = (id: string) => facts.manifest(id).name;
  const place = (id: string) => (STORAGE_BACKEND_PLACES as Record<string, string>)[id] ?? `in ${name(id)}`;
  const warnings: string[] = [];
  if (next.storage !== current.storage) {
    const leaves = next.storage !== 'local' ? ' Patient documents will then leave this computer.' : '';
    warnings.push(
      `New faxes, sent and received, will be stored ${place(next.storage)} instead of ${place(current.storage)}.${leaves} Documents already stored stay ${place(current.storage)} unless you move them in Settings → Storage & retention.`,
    );
  }
  if (next.outbound !== current.outbound && isCloudProvider(next.outbound) && !facts.everSentWith(next.outbound)) {
    warnings.push(
      `Faxes you send will be uploaded to ${name(next.outbound)} for the first time: their documents leave this computer and pass through ${name(next.outbound)}'s servers. Check your agreement with ${name(next.outbound)} covers patient information before sending.`,
    );
  }
  if (next.inbound !== current.inbound) {
    warnings.push(
      `Received faxes will come through ${name(next.inbound)} instead of ${name(current.inbound)}: faxes sent to your ${name(current.inbound)} number will no longer arrive in the Inbox.`,
    );
  }
  const base = facts.publicBase;
  if (base && base.toLowerCase().startsWith('http://')) {
    const callers = [...new Set([next.outbound, next.inbound])].filter(
      (id) => id !== current.outbound && id !== current.inbound && facts.manifest(id).capabilities.includes('webhook'),
    );
    for (const id of callers) {
      warnings.push(
        `${name(id)} will call this computer at ${base}, which is not HTTPS: fax status and received faxes would cross the internet unencrypted. Set an https:// public URL (a tunnel gives one) before receiving patient faxes.`,
      );
    }
  }
  return warnings;
}
