// `faxbot printer install` and `remove` on Linux: a CUPS queue named Faxbot whose cups-pdf
// backend writes PDFs that a hook moves into Faxbot's watched folder.
import { faxbotCommandLine } from '../commands/launcher';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cupsPdfParts, cupsTools, queueDevice, requireScheduler, runTool, type CupsTools } from './cups';
import { DEFAULT_LAYOUT, confPath, deskUser, deviceUri, type PrinterLayout } from './layout';
import { cupsPdfConf, hookScript } from './printerFiles';
import { PrinterSetupError } from './printerSetupError';
import { chooseWatchDir, prepareWatchDir, removeCreated } from './watchFolder';

/** What the command knows of the machine it runs on. */
export interface PrinterHost {
  platform: NodeJS.Platform;
  uid: number;
  env: Record<string, string | undefined>;
}

export interface PrinterOptions {
  host: PrinterHost;
  /** Only tests change it, to keep their queue apart from a real one. */
  layout?: PrinterLayout;
}

export interface InstallReport {
  queue: string;
  watchDir: string;
  /** True when a Faxbot printer was already there and has been brought up to date. */
  updated: boolean;
  /** One line per thing made or changed, for the person to read. */
  done: string[];
  warnings: string[];
}

export interface RemoveReport {
  removed: string[];
  kept: string[];
}

function requireRoot(host: PrinterHost, command: string): void {
  if (host.uid !== 0)
    throw new PrinterSetupError(
      `Setting up a printer changes CUPS's configuration in /etc/cups, which needs root: run it with sudo: sudo ${faxbotCommandLine(...command.split(' '))}.`,
    );
}

/** A file written whole or not at all, remembering what it replaced so a failure can undo it. */
function writeWhole(path: string, text: string, mode: number, undo: (() => void)[]): void {
  const before = existsSync(path) ? readFileSync(path) : null;
  const temporary = `${path}.faxbot-${process.pid}`;
  writeFileSync(temporary, text, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, path);
  undo.push(() => (before ? writeFileSync(path, before, { mode }) : unlinkSync(path)));
}

function makeFolder(path: string, mode: number, undo: (() => void)[]): void {
  if (existsSync(path)) return;
  makeFolder(dirname(path), 0o755, undo);
  mkdirSync(path, { mode });
  undo.push(() => rmdirSync(path));
}

/** cups-pdf runs as this group; Debian's packages use lpadmin, others only have lp. */
function cupsPdfGroup(): string {
  try {
    execFileSync('getent', ['group', 'lpadmin'], { stdio: 'ignore' });
    return 'lpadmin';
  } catch {
    return 'lp';
  }
}

function appArmorWarning(layout: PrinterLayout): string | null {
  let enabled = '';
  try {
    enabled = readFileSync('/sys/module/apparmor/parameters/enabled', 'utf8');
  } catch {
    return null;
  }
  if (!enabled.startsWith('Y') || !existsSync('/etc/apparmor.d/usr.sbin.cupsd')) return null;
  return `AppArmor confines cups-pdf on this machine. If printing to Faxbot makes no PDF, add these lines to the "/usr/lib/cups/backend/cups-pdf" profile in /etc/apparmor.d/usr.sbin.cupsd, then run "sudo apparmor_parser -r /etc/apparmor.d/usr.sbin.cupsd":
  ${confPath(layout)} r,
  ${layout.hookPath} ixr,
  /{usr/,}bin/{sed,ln,mv,rm,chmod,chown,sync,basename,id,logger} ixr,`;
}

export async function installPrinter(options: PrinterOptions & { folder?: string }): Promise<InstallReport> {
  const { host } = options;
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const desk = await deskUser(host.env, host.uid);
  // Everything that can be checked is checked before anything is written.
  const watchDir = chooseWatchDir(options.folder, host.env, desk);
  requireRoot(host, 'printer install');
  const tools = cupsTools(host.env);
  const { ppd } = cupsPdfParts(layout);
  await requireScheduler(tools);
  const uri = deviceUri(layout);
  const existing = await queueDevice(tools, layout.queue);
  if (existing !== null && existing !== uri) {
    throw new PrinterSetupError(
      `There is already a printer named ${layout.queue} that prints to ${existing}, not to Faxbot: remove it with "sudo lpadmin -x ${layout.queue}" or rename it, then try again.`,
    );
  }
  const createdFolders = prepareWatchDir(watchDir, desk, host.uid === 0);
  const undo: (() => void)[] = [() => removeCreated(createdFolders)];
  try {
    makeFolder(dirname(layout.hookPath), 0o755, undo);
    writeWhole(layout.hookPath, hookScript(watchDir, desk), 0o755, undo);
    makeFolder(layout.spoolDir, 0o755, undo);
    writeWhole(confPath(layout), cupsPdfConf(layout, cupsPdfGroup()), 0o644, undo);
    await addQueue(tools, layout, ppd, existing === null);
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // best effort: the error below is what the person needs to see
      }
    }
    if (error instanceof PrinterSetupError) throw error;
    throw new PrinterSetupError(`The Faxbot printer could not be set up (${(error as Error).message}); nothing was left half-installed.`);
  }
  const done = [
    `${existing ? 'Updated' : 'Added'} the printer "${layout.queue}" (${uri})`,
    `${existing ? 'Updated' : 'Wrote'} ${confPath(layout)}: cups-pdf makes each PDF in ${layout.spoolDir}`,
    `${existing ? 'Updated' : 'Wrote'} ${layout.hookPath}: moves each PDF into ${watchDir}`,
  ];
  if (createdFolders.length) done.push(`Made the folder ${watchDir} for ${desk.name}`);
  const warning = appArmorWarning(layout);
  return { queue: layout.queue, watchDir, updated: existing !== null, done, warnings: warning ? [warning] : [] };
}

// The PPD's own defaults win over cups-pdf's configuration file, so the title choices that
// name the PDF after the job (see cupsPdfConf) are set on the queue as well.
const PPD_CHOICES = ['-o', 'TitlePref=1', '-o', 'Label=2'];

async function addQueue(tools: CupsTools, layout: PrinterLayout, ppd: string, isNew: boolean): Promise<void> {
  const description = 'Faxbot: send what you print as a fax';
  const added = await runTool(tools.lpadmin, [
    '-p',
    layout.queue,
    '-E',
    '-v',
    deviceUri(layout),
    '-P',
    ppd,
    '-D',
    description,
    '-L',
    'This computer',
    '-o',
    'printer-is-shared=false',
    ...PPD_CHOICES,
  ]);
  const device = await queueDevice(tools, layout.queue);
  if (added.code === 0 && device === deviceUri(layout)) return;
  if (isNew && device !== null) await runTool(tools.lpadmin, ['-x', layout.queue]);
  const said = added.stderr
    .split('\n')
    .filter((line) => line && !/drivers are deprecated/i.test(line))
    .join(' ');
  throw new PrinterSetupError(
    `CUPS refused the printer ${layout.queue}${said ? ` (${said})` : ''}: check that CUPS is running and that you may administer it (root or the lpadmin group).`,
  );
}

export async function removePrinter(options: PrinterOptions): Promise<RemoveReport> {
  const { host } = options;
  const layout = options.layout ?? DEFAULT_LAYOUT;
  requireRoot(host, 'printer remove');
  const tools = cupsTools(host.env);
  await requireScheduler(tools);
  const removed: string[] = [];
  const kept: string[] = [];
  const device = await queueDevice(tools, layout.queue);
  if (device === deviceUri(layout)) {
    const gone = await runTool(tools.lpadmin, ['-x', layout.queue]);
    if (gone.code !== 0)
      throw new PrinterSetupError(
        `CUPS would not remove the printer ${layout.queue} (${gone.stderr.trim()}): try again, or remove it with "sudo lpadmin -x ${layout.queue}".`,
      );
    removed.push(`the printer "${layout.queue}"`);
  } else if (device !== null) {
    kept.push(`the printer "${layout.queue}": it prints to ${device}, so Faxbot did not make it`);
  }
  for (const file of [confPath(layout), layout.hookPath]) {
    if (!existsSync(file)) continue;
    unlinkSync(file);
    removed.push(file);
  }
  removeIfEmpty(dirname(layout.hookPath));
  const leftover = spoolLeftovers(layout.spoolDir);
  if (leftover.length)
    kept.push(
      `${leftover.length} printed document(s) never handed to Faxbot, in ${layout.spoolDir}: move them into the watched folder to fax them`,
    );
  else if (existsSync(layout.spoolDir)) {
    for (const user of readdirSync(layout.spoolDir)) removeIfEmpty(join(layout.spoolDir, user));
    if (removeIfEmpty(layout.spoolDir)) removed.push(layout.spoolDir);
  }
  return { removed, kept };
}

function removeIfEmpty(folder: string): boolean {
  try {
    rmdirSync(folder);
    return true;
  } catch {
    return false;
  }
}

/** Files left in the spool: documents whose hook failed, which must not vanish with the printer. */
function spoolLeftovers(spoolDir: string): string[] {
  if (!existsSync(spoolDir)) return [];
  const found: string[] = [];
  for (const user of readdirSync(spoolDir, { withFileTypes: true })) {
    if (user.isDirectory()) found.push(...readdirSync(join(spoolDir, user.name)).map((name) => join(spoolDir, user.name, name)));
    else found.push(join(spoolDir, user.name));
  }
  return found;
}
