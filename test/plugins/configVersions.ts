// The numbered config versions the crash test's child writes: each valid against the
// schemas, each different, big enough (about 2 KB) that a kill can land mid-write.
import type { PluginConfigFile } from '../../main/engine/plugins';

export function configVersion(k: number): PluginConfigFile {
  return {
    version: 1,
    slots: k % 2 ? { outbound: 'phaxio', inbound: 'sip', storage: 'local' } : { outbound: 'sip' },
    plugins: {
      phaxio: { settings: { baseUrl: `https://fax${k}.example.test/v2.1` } },
      sip: {
        settings: {
          amiHost: `pbx${k}.office.lan`,
          amiPort: 1 + (k % 65535),
          amiUsername: `faxbot${k}`,
          spoolDir: `/mnt/faxbot/${String(k).padStart(8, '0')}/${'x'.repeat(900)}`,
        },
      },
      sinch: { settings: { projectId: `project-${k}`, authMode: k % 3 ? 'oauth' : 'basic' } },
    },
  };
}

/** Which version a config file is, or null when it is none of them. */
export function versionOf(file: PluginConfigFile): number | null {
  const k = Number(/fax(\d+)\./.exec(String(file.plugins.phaxio?.settings.baseUrl ?? ''))?.[1]);
  return Number.isInteger(k) && JSON.stringify(configVersion(k)) === JSON.stringify(file) ? k : null;
}
