import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo } from '../../shared/apiKeys';
import { createApiKeysStore, createDesk, keysInOrder, type ApiKeysStore } from '../../renderer/src/stores';
import { startApiServer, type ApiServer } from '../../main/engine/api';
import { makeTestPdf } from '../support/pdfs';
import { startDeskEngine, TRANSPORTS, type DeskEngine } from './deskEngine';

const key = (overrides: Partial<ApiKeyInfo>): ApiKeyInfo => ({
  keyId: '000000000000',
  name: 'EHR',
  scopes: ['fax:send'],
  createdAt: '2026-03-03T14:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  rotatedAt: null,
  ...overrides,
});

describe('the order of keys', () => {
  it('lists keys in use newest first, revoked keys after them', () => {
    const keys = [
      key({ keyId: 'a', createdAt: '2026-03-03T14:00:00.000Z' }),
      key({ keyId: 'b', createdAt: '2026-03-03T15:00:00.000Z', revokedAt: '2026-03-03T16:00:00.000Z' }),
      key({ keyId: 'c', createdAt: '2026-03-03T13:00:00.000Z' }),
      key({ keyId: 'd', createdAt: '2026-03-03T17:00:00.000Z' }),
    ];
    expect(keysInOrder(keys).map((k) => k.keyId)).toEqual(['d', 'a', 'c', 'b']);
  });
});

describe.each(TRANSPORTS)('the API keys store with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  let store: ApiKeysStore;
  let restApi: ApiServer;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
    // The REST API on its own 127.0.0.1 server, as the Electron app runs it; it tells the
    // engine where it answers, which is the address the window shows.
    restApi = await startApiServer({ engine: desk.engine, port: 0 });
    store = createApiKeysStore(desk.api);
    await store.getState().load();
    expect(store.getState().loadError).toBeNull();
    expect(await store.getState().toggle(true)).toBe(true);
  });
  afterAll(async () => {
    await restApi?.close();
    await desk?.close();
  });

  /** What the REST API answers to a send made with `secret`: 202 for a working key, 401 otherwise. */
  async function sendWith(secret: string): Promise<number> {
    const form = new FormData();
    form.append('to', '+12025550143');
    form.append('file', new Blob([new Uint8Array(await makeTestPdf(1))], { type: 'application/pdf' }), 'letter.pdf');
    const response = await fetch(`${store.getState().api!.baseUrl}/fax`, { method: 'POST', headers: { 'X-API-Key': secret }, body: form });
    await response.arrayBuffer();
    return response.status;
  }

  /** Everything the store holds, as text: a secret must not hide anywhere in it. */
  const storeText = () => JSON.stringify(store.getState());

  it('turns the REST API on and off, and says where it answers', async () => {
    expect(store.getState().api).toMatchObject({ enabled: true, lockedBy: null });
    expect(store.getState().api!.baseUrl).toBe(restApi.url);
    expect(await store.getState().toggle(false)).toBe(true);
    expect(store.getState().api!.enabled).toBe(false);
    expect((await desk.api.getApiSettings({})).enabled).toBe(false);
    expect(await store.getState().toggle(true)).toBe(true);
    expect(store.getState()).toMatchObject({ busy: false, actionError: null });
  });

  it('shows a new key’s secret once, and lists the key without it', async () => {
    expect(await store.getState().create({ name: 'Clinic EHR', scopes: ['fax:send', 'fax:read'] })).toBe(true);
    const { revealed, api } = store.getState();
    expect(revealed).toMatchObject({
      reason: 'created',
      key: { name: 'Clinic EHR', scopes: ['fax:send', 'fax:read'], revokedAt: null, lastUsedAt: null },
    });
    const secret = revealed!.secret;
    expect(secret).toContain(revealed!.key.keyId);
    expect(api!.keys.map((k) => k.keyId)).toContain(revealed!.key.keyId);
    expect(JSON.stringify(api)).not.toContain(secret);

    // Read back by a fresh window: listed, and the secret is nowhere in what the engine answers.
    const fresh = createApiKeysStore(desk.api);
    await fresh.getState().load();
    expect(fresh.getState().api!.keys.find((k) => k.keyId === revealed!.key.keyId)?.name).toBe('Clinic EHR');
    expect(JSON.stringify(fresh.getState())).not.toContain(secret);
    expect(fresh.getState().revealed).toBeNull();

    store.getState().dismissSecret();
    expect(store.getState().revealed).toBeNull();
    expect(storeText()).not.toContain(secret);
  });

  it('rotates a key: a new secret that works, and the old one stops working at once', async () => {
    await store.getState().create({ name: 'Fax script', scopes: ['fax:send'] });
    const first = store.getState().revealed!;
    expect(await sendWith(first.secret)).toBe(202);

    expect(await store.getState().rotate(first.key.keyId)).toBe(true);
    const second = store.getState().revealed!;
    expect(second.reason).toBe('rotated');
    expect(second.key.keyId).toBe(first.key.keyId);
    expect(second.secret).not.toBe(first.secret);
    expect(second.key.rotatedAt).not.toBeNull();
    expect(storeText()).not.toContain(first.secret);

    expect(await sendWith(first.secret)).toBe(401);
    expect(await sendWith(second.secret)).toBe(202);
    store.getState().dismissSecret();
    expect(storeText()).not.toContain(second.secret);
  });

  it('revokes a key: listed as revoked, refused by the API, and its secret taken off the screen', async () => {
    await store.getState().create({ name: 'Old EHR', scopes: ['fax:send'] });
    const { key: created, secret } = store.getState().revealed!;
    expect(await store.getState().revoke(created.keyId)).toBe(true);
    expect(store.getState().revealed).toBeNull();
    expect(store.getState().api!.keys.find((k) => k.keyId === created.keyId)?.revokedAt).not.toBeNull();
    expect(await sendWith(secret)).toBe(401);
    // Other keys are untouched.
    expect(store.getState().api!.keys.filter((k) => k.revokedAt === null).length).toBeGreaterThan(0);
  });

  it('puts the engine’s reasons for an empty name and no permissions under those fields, and makes no key', async () => {
    const before = store.getState().api!.keys.length;
    expect(await store.getState().create({ name: '   ', scopes: [] })).toBe(false);
    const { fieldErrors, revealed, actionError } = store.getState();
    expect(fieldErrors.name).toMatch(/name/i);
    expect(fieldErrors.scopes).toMatch(/permission/i);
    expect(revealed).toBeNull();
    expect(actionError).toBeNull();
    expect((await desk.api.getApiSettings({})).keys.length).toBe(before);

    // A good try clears the old messages.
    expect(await store.getState().create({ name: 'Named', scopes: ['fax:read'] })).toBe(true);
    expect(store.getState().fieldErrors).toEqual({});
    store.getState().dismissSecret();
  });

  it('refuses a permission that does not exist and a name too long, field by field', async () => {
    expect(await store.getState().create({ name: 'x'.repeat(101), scopes: ['fax:send', 'fax:fly' as never] })).toBe(false);
    expect(Object.keys(store.getState().fieldErrors).sort()).toEqual(['name', 'scopes']);
    store.getState().clearFieldErrors();
    expect(store.getState().fieldErrors).toEqual({});
  });

  it('says why it cannot rotate or revoke a key id that is malformed or unknown', async () => {
    for (const keyId of ['nope', '', 'ABCDEF012345', '0123456789ab']) {
      expect(await store.getState().revoke(keyId)).toBe(false);
      expect(store.getState().actionError).toMatch(/\w+ \w+ \w+/);
      expect(await store.getState().rotate(keyId)).toBe(false);
      expect(store.getState().actionError).toMatch(/\w+ \w+ \w+/);
      expect(store.getState()).toMatchObject({ busy: false, revealed: null });
    }
  });

  it('reports settings that cannot be loaded, in words', async () => {
    const broken = createApiKeysStore({ ...desk.api, getApiSettings: () => Promise.reject(new Error('Faxbot is not answering.')) });
    await broken.getState().load();
    expect(broken.getState()).toMatchObject({ api: null, loadError: 'Faxbot is not answering.' });
  });

  it('is part of every desk, empty until the tab loads it', () => {
    const state = createDesk(desk.api).apiKeys.getState();
    expect(state).toMatchObject({ api: null, revealed: null, busy: false });
  });
});
