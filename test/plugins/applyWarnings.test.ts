// The patient-data warnings Apply gives first, from the facts alone: which changes warn and
// which do not, in words a front-desk admin can act on.
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../../main/engine/plugins';
import { patientDataWarnings } from '../../main/engine/plugins/runtime';
import type { PluginSlots } from '../../shared/plugins';

const manifest = (id: string) => BUILTIN_PLUGINS.find((m) => m.id === id)!;
const SIM: PluginSlots = { outbound: 'simulator', inbound: 'simulator', storage: 'local' };
const warn = (next: Partial<PluginSlots>, facts: { publicBase?: string | null; sentBefore?: string[]; current?: PluginSlots } = {}) =>
  patientDataWarnings({
    current: facts.current ?? SIM,
    next: { ...(facts.current ?? SIM), ...next },
    manifest,
    publicBase: facts.publicBase ?? null,
    everSentWith: (id) => (facts.sentBefore ?? []).includes(id),
  });

describe('patient-data warnings before applying', () => {
  it('says nothing when nothing that touches patient data changes', () => {
    expect(warn({})).toEqual([]);
    expect(warn({ outbound: 'sip' }, { current: { ...SIM, inbound: 'sip' } })).toEqual([]);
  });

  it('warns the first time faxes go to a cloud provider, and not once it has been used', () => {
    expect(warn({ outbound: 'sinch' })).toEqual([
      expect.stringMatching(/^Faxes you send will be uploaded to Sinch Fax for the first time: their documents leave this computer/),
    ]);
    expect(warn({ outbound: 'sinch' }, { sentBefore: ['sinch'] })).toEqual([]);
    // Asterisk is the office's own PBX: nothing leaves for a third party.
    expect(warn({ outbound: 'sip' })).toEqual([]);
  });

  it('warns when receiving moves to another provider', () => {
    expect(warn({ inbound: 'sip' })).toEqual([
      'Received faxes will come through Asterisk (SIP) instead of Simulator: faxes sent to your Simulator number will no longer arrive in the Inbox.',
    ]);
  });

  it('warns about callbacks over http, but not https, and only for providers that call back', () => {
    const http = warn({ inbound: 'phaxio' }, { publicBase: 'http://faxes.example.org' });
    expect(http).toHaveLength(2);
    expect(http[1]).toMatch(/^Phaxio will call this computer at http:\/\/faxes\.example\.org, which is not HTTPS/);
    expect(warn({ inbound: 'phaxio' }, { publicBase: 'https://faxes.example.org' })).toHaveLength(1);
    expect(warn({ inbound: 'sip' }, { publicBase: 'http://faxes.example.org' })).toHaveLength(1);
  });

  it('warns where new documents will be kept, and that old ones stay unless moved', () => {
    expect(warn({ storage: 's3' })).toEqual([
      'New faxes, sent and received, will be stored in S3 instead of on this computer. Patient documents will then leave this computer. Documents already stored stay on this computer unless you move them in Settings → Storage & retention.',
    ]);
    expect(warn({ storage: 'local' }, { current: { ...SIM, storage: 's3' } })).toEqual([
      'New faxes, sent and received, will be stored on this computer instead of in S3. Documents already stored stay in S3 unless you move them in Settings → Storage & retention.',
    ]);
  });
});
