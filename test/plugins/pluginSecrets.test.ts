// Plugin secrets are sealed by the engine's key wrapper in one file in the data folder:
// never in plaintext anywhere on disk, never in a result, event or log line, and a wrong
// key cannot open them (it says so in words).
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, createLogger, loadConfig, type Engine } from '../../main/engine';
import { SealedSecretStore } from '../../main/engine/plugins';
import { masterKeyWrapper } from '../../main/engine/storage';
import { catalogFixture } from './catalogFixture';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SECRET = `phx-secret-${randomBytes(8).toString('hex')}`;
const KEY = `phx-key-${randomBytes(8).toString('hex')}`;
const PASSWORD = `ami-pw-${randomBytes(8).toString('hex')}`;

/** Every file under a folder, recursively, as raw bytes. */
function everyFile(folder: string): { path: string; bytes: Buffer }[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('plugin secrets', () => {
  it('are found in plaintext nowhere: not the data folder, the config file, results, events or the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-secrets-'));
    const configDir = mkdtempSync(join(tmpdir(), 'faxbot-config-'));
    const logLines: string[] = [];
    const events: string[] = [];
    engine = await createEngine({
      config: loadConfig(
        { dataDir, webhookPort: 0, simulatorTimeScale: 0.01, pluginConfigPath: join(configDir, 'faxbot.config.json') },
        {},
      ),
      logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }),
      headless: true,
    });
    engine.on((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    const results: unknown[] = [];
    results.push(await engine.call('savePluginConfig', { id: 'phaxio', settings: {}, secrets: { apiKey: KEY, apiSecret: SECRET } }));
    results.push(
      await engine.call('savePluginConfig', { id: 'sip', settings: { amiUsername: 'faxbot' }, secrets: { amiPassword: PASSWORD } }),
    );
    results.push(await engine.call('listPlugins', {}));
    results.push(await engine.call('listConfigBackups', {}));
    results.push(await engine.call('restoreConfigBackup', { id: (await engine.call('listConfigBackups', {}))[0]!.id }));
    await engine.close();
    engine = undefined;

    const text = [JSON.stringify(results), ...events, ...logLines].join('\n');
    expect(events.some((e) => e.startsWith('pluginsChanged'))).toBe(true);
    const files = [...everyFile(dataDir), ...everyFile(configDir)];
    expect(files.some((f) => f.path.endsWith('plugin-secrets.sealed'))).toBe(true);
    for (const secret of [KEY, SECRET, PASSWORD]) {
      expect(text).not.toContain(secret);
      for (const file of files) expect(file.bytes.includes(Buffer.from(secret)), `${secret} in ${file.path}`).toBe(false);
    }
  });

  it('are read back after a restart with the same key', () => {
    const f = catalogFixture();
    f.catalog.save({ id: 'sip', settings: { amiUsername: 'faxbot' }, secrets: { amiPassword: PASSWORD } });
    expect(f.reopen().secrets.get('sip', 'amiPassword')).toBe(PASSWORD);
    expect((statSync(f.secrets.path).mode & 0o777).toString(8)).toBe('600');
  });

  it('cannot be opened with another key, and the refusal says what to do', () => {
    const f = catalogFixture();
    f.catalog.save({ id: 'sip', settings: { amiUsername: 'faxbot' }, secrets: { amiPassword: PASSWORD } });
    let error: { code?: string; message?: string } = {};
    try {
      new SealedSecretStore(f.folder, masterKeyWrapper(randomBytes(32), 'FAXBOT_MASTER_KEY'));
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error.code).toBe('storage_error');
    expect(error.message).toMatch(
      /plugin secrets in .*plugin-secrets\.sealed cannot be unlocked with FAXBOT_MASTER_KEY.*Use the original key/,
    );
  });
});
