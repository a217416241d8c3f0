// "A scan of the data folder finds no plaintext secrets": every secret the engine keeps in
// its data folder — the data key, API key secrets, the webhook path secret and self-test
// key — is wrapped, hashed or sealed, in every file (SQLite, its WAL, key files).
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { headlessKeyWrapper, loadDataKey } from '../../main/engine/storage';
import { startEngine, type Harness } from '../support/engineHarness';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The ways a secret could sit in a file: as text, or as its raw bytes. */
function forms(secret: string | Buffer): Buffer[] {
  if (Buffer.isBuffer(secret))
    return [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('base64')), Buffer.from(secret.toString('base64url'))];
  return [Buffer.from(secret)];
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('the data folder', () => {
  it('holds no secret in the clear: data key, API key secret, webhook secrets, plugin secrets', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const env = { FAXBOT_MASTER_KEY: masterKey };
    harness = await startEngine({ env, apiEnabled: true });
    const { dataDir } = harness;
    const apiSecret = (await harness.engine.call('createApiKey', { name: 'EHR', scopes: ['fax:send'] })).secret;
    const pathSecret = harness.engine.webhooks.store.pathSecret();
    const selfTestKey = harness.engine.webhooks.store.selfTestKey();
    const phaxioKey = `pk_${randomBytes(12).toString('hex')}`;
    const phaxioSecret = `ps_${randomBytes(12).toString('hex')}`;
    await harness.engine.call('savePluginConfig', { id: 'phaxio', settings: {}, secrets: { apiKey: phaxioKey, apiSecret: phaxioSecret } });
    expect((await harness.engine.call('listPlugins', {})).plugins.find((p) => p.manifest.id === 'phaxio')?.secrets.apiSecret).toEqual({
      set: true,
      from: 'keychain',
    });
    const job = await harness.send('+12025550143', { pages: 1 });
    await harness.waitForJob(job.id, (j) => j.status === 'delivered');
    await harness.close();
    harness = null;
    const dataKey = loadDataKey(dataDir, headlessKeyWrapper(dataDir, env));

    const secrets: Array<[string, Buffer[]]> = [
      ['the data key', forms(dataKey)],
      ['FAXBOT_MASTER_KEY', [Buffer.from(masterKey), ...forms(Buffer.from(masterKey, 'base64'))]],
      ['the API key secret', forms(apiSecret)],
      ['the webhook path secret', forms(pathSecret)],
      ['the webhook self-test key', forms(selfTestKey)],
      ['the Phaxio API key (a plugin secret)', forms(phaxioKey)],
      ['the Phaxio API secret (a plugin secret)', forms(phaxioSecret)],
    ];
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('faxbot.sqlite') || f.endsWith('.sqlite'))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const [name, variants] of secrets) if (variants.some((v) => bytes.includes(v))) found.push(`${name} in ${file}`);
    }
    expect(found).toEqual([]);
  });

  it('seals a webhook secret an earlier version stored in the clear, keeping its value', async () => {
    harness = await startEngine();
    const { dataDir } = harness;
    const secret = harness.engine.webhooks.store.pathSecret();
    await harness.close();
    harness = null;
    // What an earlier version left: the secret as plain text.
    const dbFile = filesUnder(dataDir).find((f) => /faxbot\.sqlite$|\/[a-z]+\.sqlite$/.test(f) && !f.endsWith('simulator.sqlite'))!;
    const db = new Database(dbFile);
    db.prepare("UPDATE webhook_settings SET value = ? WHERE key = 'path_secret'").run(secret);
    db.close();
    harness = await startEngine({}, dataDir);
    expect(harness.engine.webhooks.store.pathSecret()).toBe(secret);
    const stored = new Database(dbFile, { readonly: true })
      .prepare("SELECT value FROM webhook_settings WHERE key = 'path_secret'")
      .get() as { value: string };
    expect(stored.value.startsWith('sealed:')).toBe(true);
    expect(stored.value.includes(secret)).toBe(false);
  });
});
