// The documents' data key, wrapped by the OS keychain through Electron's safeStorage
// (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). When the
// keychain is missing the app still works, and Settings → Storage & retention says what that
// means and how to fix it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FaxError } from '../../shared/errors';
import { headlessKeyWrapper, type KeyWrapper } from '../engine/storage';

/** The parts of Electron's safeStorage this uses (a test passes a stand-in). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store Chromium picked; 'basic_text' is its plain-text fallback. */
  getSelectedStorageBackend?(): string;
}

/** A KeyWrapper plus, when the protection is weak, a sentence for Settings. */
export type AppKeyWrapper = KeyWrapper & { readonly warning?: string };

const FIX = 'Install and unlock a keyring (GNOME Keyring or KWallet; on most desktops it unlocks when you log in), then restart Faxbot.';

export const PLAIN_TEXT_WARNING = `Your system has no keyring, so the key that protects your stored faxes is kept with a fixed password that is the same on every computer: anyone who can copy your files can read your faxes. ${FIX}`;
export const NO_KEYCHAIN_WARNING = `The OS keychain is not available, so the key that protects your stored faxes is kept in a key file next to them (readable only by you): anyone who can copy the whole data folder can read your faxes. ${FIX}`;

/** safeStorage as a KeyWrapper: the 32-byte key travels as base64 text, as encryptString takes text. */
function safeStorageWrapper(safeStorage: SafeStorageLike, description: string, warning?: string): AppKeyWrapper {
  return {
    description,
    ...(warning ? { warning } : {}),
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}

/**
 * Chooses what wraps the data key in the app. The choice must find the same key on every
 * start: with no keychain this time, a data folder whose key the keychain wrapped earlier
 * (data.key but no master.key) is refused with how to fix it, instead of being re-keyed.
 * Throws FaxError('storage_error') then; the shell shows it in its start-up error box.
 */
export function keychainKeyWrapper(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): AppKeyWrapper {
  if (safeStorage.isEncryptionAvailable()) {
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
    if (backend === 'basic_text')
      return safeStorageWrapper(safeStorage, 'the OS keychain (plain-text fallback: no keyring found)', PLAIN_TEXT_WARNING);
    return safeStorageWrapper(safeStorage, 'the OS keychain');
  }
  const keyFile = join(dataDir, 'master.key');
  if (existsSync(join(dataDir, 'data.key')) && !existsSync(keyFile)) {
    throw new FaxError(
      'storage_error',
      `The key to the documents in ${dataDir} is kept in the OS keychain, which is not available now. Unlock your keyring (GNOME Keyring or KWallet), then start Faxbot again.`,
    );
  }
  // FAXBOT_MASTER_KEY is for headless installs; the app keeps its fallback in the data folder.
  mkdirSync(dataDir, { recursive: true });
  const file = headlessKeyWrapper(dataDir, {});
  return {
    description: `${file.description} (the OS keychain was not available)`,
    warning: NO_KEYCHAIN_WARNING,
    wrap: file.wrap,
    unwrap: file.unwrap,
  };
}
