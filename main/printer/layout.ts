// Where the Faxbot printer's pieces live on a Linux machine, and whose desk it feeds.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrinterLayout {
  /** The CUPS queue people pick in the print dialog. */
  queue: string;
  /** cups-pdf instance: device URI cups-pdf:/<instance>, configuration cups-pdf-<instance>.conf. */
  instance: string;
  /** CUPS's configuration folder (CUPS_SERVERROOT), where cups-pdf looks for its instance file. */
  cupsConfDir: string;
  /** The post-processing script cups-pdf runs after each PDF. */
  hookPath: string;
  /** cups-pdf's output folder for this printer; the hook empties it into the watched folder. */
  spoolDir: string;
  /** The cups-pdf backend CUPS runs for cups-pdf:/ URIs. */
  backendPath: string;
  /** PPDs cups-pdf ships, in order of preference (Debian first, then other distributions). */
  ppdCandidates: string[];
}

export const DEFAULT_LAYOUT: PrinterLayout = {
  queue: 'Faxbot',
  instance: 'faxbot',
  cupsConfDir: '/etc/cups',
  hookPath: '/usr/local/lib/faxbot/faxbot-printer-hook',
  spoolDir: '/var/spool/cups-pdf/faxbot',
  backendPath: '/usr/lib/cups/backend/cups-pdf',
  ppdCandidates: [
    '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd',
    '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd',
    '/usr/share/cups/model/CUPS-PDF_opt.ppd',
    '/usr/share/cups/model/CUPS-PDF.ppd',
  ],
};

export function confPath(layout: PrinterLayout): string {
  return join(layout.cupsConfDir, `cups-pdf-${layout.instance}.conf`);
}

export function deviceUri(layout: PrinterLayout): string {
  return `cups-pdf:/${layout.instance}`;
}

/** The person whose Faxbot reads the watched folder. */
export interface DeskUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/**
 * Under sudo the desk belongs to the person who typed sudo, not to root: their home holds the
 * default watched folder and the printed files must end up theirs.
 */
export async function deskUser(env: Record<string, string | undefined>, uid: number): Promise<DeskUser> {
  const sudoUser = env.SUDO_USER?.trim();
  if (uid === 0 && sudoUser && sudoUser !== 'root') {
    const entry = await passwdEntry(sudoUser);
    if (entry) return entry;
  }
  const me = userInfo();
  return { name: me.username, uid: me.uid, gid: me.gid, home: me.homedir };
}

async function passwdEntry(name: string): Promise<DeskUser | null> {
  try {
    // getent asks NSS, so accounts from LDAP or SSSD are found as well as /etc/passwd ones.
    const { stdout } = await run('getent', ['passwd', name]);
    const [user, , uid, gid, , home] = stdout.trim().split(':');
    if (!user || uid === undefined || gid === undefined || !home) return null;
    return { name: user, uid: Number(uid), gid: Number(gid), home };
  } catch {
    return null;
  }
}
