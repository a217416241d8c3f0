// Talking to CUPS through its own tools (lpadmin, lpstat), found where Debian and others put
// them: lpadmin lives in /usr/sbin, which a normal user's PATH often lacks.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PrinterSetupError } from './printerSetupError';
import type { PrinterLayout } from './layout';

export const INSTALL_PACKAGES = 'install them with: sudo apt-get install cups printer-driver-cups-pdf';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function findTool(name: string, env: Record<string, string | undefined>): string | null {
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  return null;
}

export function runTool(path: string, args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(path, args, { timeout: 30_000, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

export interface CupsTools {
  lpadmin: string;
  lpstat: string;
}

/** lpadmin and lpstat, or an error that says which package brings them. */
export function cupsTools(env: Record<string, string | undefined>): CupsTools {
  const lpadmin = findTool('lpadmin', env);
  const lpstat = findTool('lpstat', env);
  const missing = [lpadmin ? null : 'lpadmin', lpstat ? null : 'lpstat'].filter(Boolean);
  if (!lpadmin || !lpstat) throw new PrinterSetupError(`CUPS is not installed (${missing.join(' and ')} not found): ${INSTALL_PACKAGES}.`);
  return { lpadmin, lpstat };
}

/** The cups-pdf backend and one of its PPDs, or an error naming the package. */
export function cupsPdfParts(layout: PrinterLayout): { ppd: string } {
  if (!existsSync(layout.backendPath)) {
    throw new PrinterSetupError(`The cups-pdf printer driver is not installed (${layout.backendPath} is missing): ${INSTALL_PACKAGES}.`);
  }
  const ppd = layout.ppdCandidates.find((path) => existsSync(path));
  if (!ppd)
    throw new PrinterSetupError(`cups-pdf's printer description (PPD) was not found in ${layout.ppdCandidates[0]}: ${INSTALL_PACKAGES}.`);
  return { ppd };
}

/** Fails with how to start CUPS when its scheduler does not answer. */
export async function requireScheduler(tools: CupsTools): Promise<void> {
  const status = await runTool(tools.lpstat, ['-r']);
  if (status.code !== 0 || !/scheduler is running/.test(status.stdout)) {
    throw new PrinterSetupError(
      'CUPS is not running: start CUPS with "sudo systemctl start cups" (or run "sudo cupsd" where there is no systemd), then try again.',
    );
  }
}

/** The device URI of a queue, or null when there is no such queue. */
export async function queueDevice(tools: CupsTools, queue: string): Promise<string | null> {
  const shown = await runTool(tools.lpstat, ['-v', queue]);
  if (shown.code !== 0) return null;
  const match = shown.stdout.match(/device for [^:]+:\s*(\S+)/);
  return match?.[1] ?? null;
}
