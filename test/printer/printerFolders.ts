// Looking at what the printer left behind: documents in a watched folder, and whether any
// piece of a printer is still installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

import { confPath, deviceUri, type PrinterLayout } from '../../main/printer';

/** The documents a watcher would see: no dot-files, no .part files. */
export function documentsIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.part') && name.endsWith('.pdf'))
    .sort();
}

export async function waitFor<T>(what: string, check: () => T | null | undefined | false, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A complete PDF: the header, the end-of-file marker, and pdfinfo (poppler) can read it. */
export function pdfPages(file: string): number {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${file} does not start with %PDF-`);
  if (!bytes.subarray(-1024).toString('latin1').includes('%%EOF')) throw new Error(`${file} has no %%EOF at its end`);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
}

/** The device of a CUPS queue, or null when there is none. */
export function queueDevice(queue: string): string | null {
  try {
    return (
      execFileSync('lpstat', ['-v', queue], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).match(
        /device for [^:]+:\s*(\S+)/,
      )?.[1] ?? null
    );
  } catch {
    return null;
  }
}

/** Every piece of the printer that is still on the machine (empty when none is). */
export function installedPieces(layout: PrinterLayout): string[] {
  const pieces: string[] = [];
  if (queueDevice(layout.queue) === deviceUri(layout)) pieces.push(`queue ${layout.queue}`);
  for (const file of [confPath(layout), layout.hookPath]) if (existsSync(file)) pieces.push(file);
  return pieces;
}

export function printFile(queue: string, file: string, title?: string): void {
  execFileSync('lp', ['-d', queue, ...(title ? ['-t', title] : []), file], { stdio: 'ignore' });
}
