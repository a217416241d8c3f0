// The ProviderSet on its own: a swapped-out provider keeps serving its in-flight attempts,
// its webhook routes stay until then, and it is stopped once nothing uses it.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/engine/log';
import { ProviderSet } from '../../main/engine/plugins/runtime';
import type { ProviderFaxStatus, ProviderPlugin } from '../../main/engine/providers';

interface Probe extends ProviderPlugin {
  started: number;
  stopped: number;
}

function provider(id: string): Probe {
  const probe: Probe = {
    id,
    label: id,
    webhookRoutes: [],
    started: 0,
    stopped: 0,
    start: async () => void probe.started++,
    stop: async () => void probe.stopped++,
    send: async () => ({ providerFaxId: `${id}-1` }),
    lookup: async () => null,
    getStatus: async (): Promise<ProviderFaxStatus> => ({ providerFaxId: `${id}-1`, state: 'sending' }),
  };
  return probe;
}

function setUp(inFlight: string[]) {
  const routes = new Set<string>();
  const set = new ProviderSet({
    webhooks: { addProvider: (p) => void routes.add(p.id), removeProvider: (id) => void routes.delete(id) },
    sinkFor: () => ({ statusChanged: () => undefined, faxReceived: async () => undefined }),
    inFlight: () => inFlight,
    logger: createLogger({ level: 'error', write: () => undefined }),
  });
  return { set, routes };
}

describe('ProviderSet', () => {
  it('keeps a swapped-out provider while an attempt is in flight, then stops it and drops its routes', async () => {
    const inFlight = ['simulator'];
    const { set, routes } = setUp(inFlight);
    const simulator = provider('simulator');
    const phaxio = provider('phaxio');
    await set.run(simulator, 'a');
    set.assign({ outbound: 'simulator', inbound: 'simulator' });
    await set.run(phaxio, 'b');
    set.assign({ outbound: 'phaxio', inbound: 'phaxio' });
    expect(set.outbound()).toBe(phaxio);
    expect(set.byId('simulator')).toBe(simulator);
    expect([...routes].sort()).toEqual(['phaxio', 'simulator']);
    expect(simulator.stopped).toBe(0);

    // The phaxio attempt ending says nothing about the simulator.
    set.attemptEnded('phaxio');
    expect(set.byId('simulator')).toBe(simulator);

    inFlight.length = 0;
    set.attemptEnded('simulator');
    await set.settled();
    expect(simulator.stopped).toBe(1);
    expect(set.byId('simulator')).toBeNull();
    expect([...routes]).toEqual(['phaxio']);
  });

  it('replaces a provider applied again with new settings, and keeps one applied with the same', async () => {
    const { set } = setUp([]);
    const first = provider('phaxio');
    await set.run(first, 'key-1');
    set.assign({ outbound: 'phaxio', inbound: 'phaxio' });
    expect(set.runs('phaxio', 'key-1')).toBe(true);
    expect(set.runs('phaxio', 'key-2')).toBe(false);
    const second = provider('phaxio');
    await set.run(second, 'key-2');
    expect(set.outbound()).toBe(second);
    await set.settled();
    expect(first.stopped).toBe(1);
    expect(second.stopped).toBe(0);
  });

  it('stops everything at shutdown', async () => {
    const { set } = setUp(['sinch']);
    const sinch = provider('sinch');
    const sip = provider('sip');
    await set.run(sinch, 'a');
    await set.run(sip, 'b');
    set.assign({ outbound: 'sinch', inbound: 'sip' });
    await set.stopAll();
    expect([sinch.stopped, sip.stopped]).toEqual([1, 1]);
  });
});
