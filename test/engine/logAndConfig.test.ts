import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../main/engine/config';
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
