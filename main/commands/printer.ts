// `faxbot printer install [--folder DIR]` and `faxbot printer remove`: the printer named
// Faxbot that every program can print to (main/printer does the work).
import { parseArgs } from 'node:util';
import {
  deskUser,
  installPrinter,
  otherPlatformSteps,
  PrinterSetupError,
  removePrinter,
  type PrinterHost,
  type PrinterLayout,
} from '../printer';
import { CliError, UsageError, type CliIo } from './cliIo';
import { PRINTER_HELP } from './usage';

export interface PrinterCommandHost {
  /** Tests stand in another platform or a non-root user; the real command uses this process. */
  platform?: NodeJS.Platform;
  uid?: number;
  layout?: PrinterLayout;
}

export async function printerCommand(args: string[], io: CliIo, machine: PrinterCommandHost = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { folder: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(PRINTER_HELP);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (action !== 'install' && action !== 'remove') {
    throw new UsageError(
      action === undefined
        ? 'Say what to do: faxbot printer install, or faxbot printer remove.'
        : `"${action}" is not something faxbot printer does: use install or remove.`,
      'printer',
    );
  }
  if (extra.length)
    throw new UsageError(
      `faxbot printer ${action} takes no other words (got "${extra.join(' ')}"); give a folder with --folder DIR.`,
      'printer',
    );
  if (action === 'remove' && values.folder !== undefined)
    throw new UsageError('faxbot printer remove takes no --folder: it removes the printer wherever it delivers.', 'printer');
  const host: PrinterHost = { platform: machine.platform ?? process.platform, uid: machine.uid ?? process.getuid?.() ?? -1, env: io.env };
  try {
    if (host.platform !== 'linux') {
      const desk = await deskUser(host.env, host.uid);
      const watchDir = values.folder ?? (host.env.FAXBOT_WATCH_DIR?.trim() || `${desk.home}/Faxbot/Outbox`);
      io.stdout(otherPlatformSteps(host.platform, watchDir));
      return 1;
    }
    if (action === 'install') {
      const report = await installPrinter({ host, layout: machine.layout, folder: values.folder });
      for (const line of report.done) io.stdout(`${line}\n`);
      for (const warning of report.warnings) io.stderr(`${warning}\n`);
      io.stdout(
        `Print to "${report.queue}" from any program: the document opens in Faxbot, ready for a number.\nFaxbot must be running and watching ${report.watchDir} (FAXBOT_WATCH_DIR).\n`,
      );
      return 0;
    }
    const report = await removePrinter({ host, layout: machine.layout });
    if (!report.removed.length && !report.kept.length) io.stdout('The Faxbot printer is not installed: nothing to remove.\n');
    for (const thing of report.removed) io.stdout(`Removed ${thing}\n`);
    for (const thing of report.kept) io.stdout(`Kept ${thing}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PrinterSetupError) throw new CliError(error.message);
    throw error;
  }
}
