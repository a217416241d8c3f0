// The folder shared with Asterisk (contract §10): TIFFs to send go into out/, received ones
// arrive in in/. We write under our path and tell Asterisk its own path for the same file.
import { constants } from 'node:fs';
import { access, mkdir, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FaxError } from '../../../../shared/errors';
import { writeFileAtomicAsync } from '../../atomicFile';
import type { SipSettings } from './settings';

/** Attempt keys (`<jobId>.<n>`) become file names, AstDB keys and Uniqueids: keep them plain. */
export const SAFE_KEY = /^[A-Za-z0-9._-]{1,100}$/;

export class FaxSpool {
  constructor(private readonly settings: Pick<SipSettings, 'spoolDir' | 'spoolDirRemote'>) {}

  outboundPath(key: string): string {
    return join(this.settings.spoolDir, 'out', `${key}.tiff`);
  }

  /** The path Asterisk opens (FAXBOT_FILE). */
  remoteOutboundPath(key: string): string {
    return `${this.settings.spoolDirRemote}/out/${key}.tiff`;
  }

  /** Written whole or not at all, and readable by the Asterisk user (often another account). */
  async writeOutbound(key: string, tiff: Uint8Array): Promise<void> {
    if (!SAFE_KEY.test(key)) throw new FaxError('internal', `The attempt key "${key}" cannot be used as a file name.`);
    try {
      await writeFileAtomicAsync(this.outboundPath(key), tiff, 0o644);
    } catch (error) {
      throw new FaxError(
        'storage_error',
        `The fax image could not be written to ${join(this.settings.spoolDir, 'out')}: check ASTERISK_SPOOL_DIR is mounted and writable by this user.`,
        { retryable: true, cause: error },
      );
    }
  }

  async hasOutbound(key: string): Promise<boolean> {
    return stat(this.outboundPath(key)).then(
      () => true,
      () => false,
    );
  }

  async removeOutbound(key: string): Promise<void> {
    await unlink(this.outboundPath(key)).catch(() => undefined);
  }

  /**
   * Our path for a file Asterisk announced in in/. Anything else is refused: an event must not
   * make us read (or delete) an arbitrary file.
   */
  inboundLocalPath(remoteFile: string): string | null {
    const prefix = `${this.settings.spoolDirRemote}/in/`;
    if (!remoteFile.startsWith(prefix)) return null;
    const name = remoteFile.slice(prefix.length);
    if (name !== basename(name) || !/^[A-Za-z0-9._-]+\.tiff?$/i.test(name) || name.startsWith('.')) return null;
    return join(this.settings.spoolDir, 'in', name);
  }

  /** For Test connection: both folders there, out/ writable, in/ readable. */
  async check(): Promise<void> {
    const out = join(this.settings.spoolDir, 'out');
    const inbound = join(this.settings.spoolDir, 'in');
    try {
      await mkdir(out, { recursive: true });
      await access(out, constants.W_OK);
    } catch {
      throw new FaxError(
        'storage_error',
        `Faxbot cannot write to ${out}: mount the folder shared with Asterisk at ASTERISK_SPOOL_DIR and let this user write to its out/ folder.`,
      );
    }
    try {
      await access(inbound, constants.R_OK);
    } catch {
      throw new FaxError(
        'storage_error',
        `Faxbot cannot read ${inbound}: create the in/ folder in the shared folder (Asterisk writes received faxes there) and let this user read it.`,
      );
    }
  }
}
