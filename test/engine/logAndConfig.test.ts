import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, watchDirFor } from '../../main/engine/config';
import { createLogger, maskPhi } from '../../main/engine/log';

describe('the logger', () => {
  it('masks fax numbers to the last 4 digits, in messages and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) });
    log.info('sending to +1 (202) 555-0143 now', { to: '+12025550143', nested: { from: '202-555-0177' }, pages: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/555.?0143|5550177/);
    expect(lines[0]).toContain('***0143');
    expect(lines[0]).toContain('***0177');
    expect(lines[0]).toContain('"pages":3');
  });

  it('never writes secrets or document contents', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) });
    log.warn('provider said no', { apiSecret: 's3cr3t', PHAXIO_API_KEY: 'key123', contentBase64: 'JVBERi0x', authorization: 'Basic abc' });
    expect(lines[0]).not.toMatch(/s3cr3t|key123|JVBERi0x|Basic abc/);
  });

  it('leaves short numbers (page counts, years) alone', () => {
    expect(maskPhi('page 2 of 14 in 2026')).toBe('page 2 of 14 in 2026');
  });

  it('never masks inside job ids, UUIDs, provider fax ids, timestamps or addresses, so a line can be matched to its job', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) });
    // Real lines the engine writes (queue, Phaxio, webhooks, hot folder), with ids that the old masking cut up.
    const jobId = '2541b696-4282-4b0f-9e3c-1f2d34567890';
    const other = '12345678-1234-5678-1234-567812345678';
    log.info('sending fax', { jobId, attempt: 1, to: '+12025550143', pages: 3 });
    log.info('Phaxio accepted the fax', { jobId: other, providerFaxId: '323034811' });
    log.info(`fax ${jobId}.2 delivered at 2026-12-07T11:00:00.000Z from 192.168.10.20`, { at: '2026-12-07 11:00:00' });
    log.warn('a provider report carries the tag of another attempt than its fax id; the tag is ignored', {
      providerId: 'phaxio',
      jobId,
      taggedJobId: other,
    });
    const text = lines.join('\n');
    for (const id of [jobId, other, `${jobId}.2`, '323034811', '2026-12-07T11:00:00.000Z', '192.168.10.20', '2026-12-07 11:00:00'])
      expect(text).toContain(id);
    expect(text).not.toContain('2025550143');
    expect(text).toContain('"to":"***0143"');
  });

  it('masks numbers by field whatever their format, and numbers people write in text', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) });
    log.info('refused "call 202.555.0143 or +44 20 7946 0958"', {
      fax: '2025550188',
      phone: '(202) 555-0199',
      recipient: ['+12025550111'],
    });
    expect(lines[0]).not.toMatch(/555.?0143|7946 0958|5550188|555-0199|5550111/);
    for (const last4 of ['0143', '0958', '0188', '0199', '0111']) expect(lines[0]).toContain(`***${last4}`);
    expect(maskPhi('2025550143 and 12025550143')).toBe('***0143 and ***0143');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    createLogger({ level: 'warn', write: (line) => lines.push(line) }).info('quiet');
    expect(lines).toEqual([]);
  });
});

describe('configuration from the environment', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, { HOME: '/home/x' });
    expect(config).toMatchObject({ port: 8080, webhookPort: 8081, backend: 'simulator', maxFileSizeMb: 10, maxPages: 200 });
    expect(config.dataDir).toMatch(/faxbot|Faxbot/);
  });

  it('reads the outward variable names', () => {
    const config = loadConfig(
      {},
      {
        FAX_DATA_DIR: '/data/fax',
        FAXBOT_PORT: '9000',
        FAXBOT_WEBHOOK_PORT: '9001',
        MAX_FILE_SIZE_MB: '25',
        FAX_BACKEND: 'SIMULATOR',
        FAXBOT_WATCH_DIR: '/w',
      },
    );
    expect(config).toMatchObject({
      dataDir: '/data/fax',
      port: 9000,
      webhookPort: 9001,
      maxFileSizeMb: 25,
      backend: 'simulator',
      watchDir: '/w',
    });
  });

  it('watches <home>/Faxbot/Outbox only for the default data folder; another data folder watches its own Outbox', () => {
    expect(loadConfig({}, {}).watchDir).toBe(join(homedir(), 'Faxbot', 'Outbox'));
    expect(loadConfig({}, { FAX_DATA_DIR: '/srv/fax-two' }).watchDir).toBe(join('/srv/fax-two', 'Outbox'));
    // A data folder given in code (as --data-dir is) is a chosen one too.
    expect(loadConfig({ dataDir: '/srv/fax-three' }, {}).watchDir).toBe(join('/srv/fax-three', 'Outbox'));
    // FAXBOT_WATCH_DIR names the folder whatever the data folder.
    expect(loadConfig({}, { FAX_DATA_DIR: '/srv/fax-two', FAXBOT_WATCH_DIR: '/srv/printed' }).watchDir).toBe('/srv/printed');
    // The desktop app's own userData folder is the default one (main/electron/shell.ts passes it so).
    expect(watchDirFor({}, '/home/x/.config/Faxbot', true)).toBe(join(homedir(), 'Faxbot', 'Outbox'));
    expect(watchDirFor({}, '/elsewhere', false)).toBe(join('/elsewhere', 'Outbox'));
  });

  it.each([
    [{ FAXBOT_PORT: 'eighty' }, /FAXBOT_PORT=eighty is not usable: set it to a number from 0 to 65535/],
    [{ FAXBOT_PORT: '70000' }, /FAXBOT_PORT=70000/],
    [{ MAX_FILE_SIZE_MB: '0' }, /MAX_FILE_SIZE_MB=0/],
    [{ FAX_BACKEND: 'efax' }, /FAX_BACKEND=efax is not a provider Faxbot knows: use one of simulator, phaxio, sinch, sip/],
  ])('explains a bad value %j', (env, message) => {
    expect(() => loadConfig({}, env)).toThrow(ConfigError);
    expect(() => loadConfig({}, env)).toThrow(message);
  });
});
