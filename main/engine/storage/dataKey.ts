// The data key that encrypts every document, and what keeps it: wrapped by the OS keychain
// (Electron safeStorage) in the app; in headless mode by FAXBOT_MASTER_KEY or by a key file
// made with 0600 permissions in the data folder. The data key itself never touches disk bare.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaxError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomicFile';

export interface KeyWrapper {
  /** In words, for Settings and the README: "FAXBOT_MASTER_KEY", "the key file …", "the OS keychain". */
  readonly description: string;
  wrap(key: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

/** AES-256-GCM under a 32-byte master key: nonce (12) | tag (16) | ciphertext. */
export function masterKeyWrapper(master: Buffer, description: string): KeyWrapper {
  if (master.length !== 32) throw new Error('A master key is 32 bytes.');
  return {
    description,
    wrap(key) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', master, nonce);
      const body = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    unwrap(wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    },
  };
}

function parseMasterKey(raw: string): Buffer {
  const text = raw.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32) {
    throw new FaxError(
      'invalid_input',
      'FAXBOT_MASTER_KEY must be 32 random bytes, as 64 hex digits or base64 (for example the output of "openssl rand -base64 32").',
    );
  }
  return bytes;
}

/** Headless: FAXBOT_MASTER_KEY when set, else `<dataDir>/master.key` (made on first use, 0600). */
export function headlessKeyWrapper(dataDir: string, env: Readonly<Record<string, string | undefined>>): KeyWrapper {
  if (env.FAXBOT_MASTER_KEY?.trim()) return masterKeyWrapper(parseMasterKey(env.FAXBOT_MASTER_KEY), 'FAXBOT_MASTER_KEY');
  const path = join(dataDir, 'master.key');
  if (!existsSync(path)) writeFileAtomic(path, randomBytes(32), 0o600);
  return masterKeyWrapper(readFileSync(path), `the key file ${path}`);
}

/** The data folder's data key: made on first start, kept wrapped in `<dataDir>/data.key`. */
export function loadDataKey(dataDir: string, wrapper: KeyWrapper): Buffer {
  const path = join(dataDir, 'data.key');
  if (!existsSync(path)) {
    const key = randomBytes(32);
    writeFileAtomic(path, wrapper.wrap(key), 0o600);
    return key;
  }
  try {
    const key = wrapper.unwrap(readFileSync(path));
    if (key.length !== 32) throw new Error('wrong length');
    return key;
  } catch (error) {
    throw new FaxError(
      'storage_error',
      `The documents in ${dataDir} cannot be unlocked with ${wrapper.description}: it is not the key this data folder was set up with. Use the original key (FAXBOT_MASTER_KEY or master.key), or start with a new data folder.`,
      { cause: error },
    );
  }
}
