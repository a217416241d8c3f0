// Office documents (Word, Excel, OpenDocument, RTF) become PDFs through LibreOffice
// (`soffice --headless --convert-to pdf`), when it is installed. Each conversion runs as a child
// process (the engine's event loop never waits on it), under a time limit, with its own
// LibreOffice profile and HOME inside one private temporary folder that is removed afterwards:
// the document is in the clear only there, and only for as long as the conversion runs. The PDF
// it makes then takes the normal path (pdfInput, then sealed storage).
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaxError } from '../../../shared/errors';

export type OfficeFormat = 'docx' | 'xlsx' | 'odt' | 'ods' | 'rtf' | 'doc' | 'xls';

export interface OfficeConversion {
  /** The soffice program to run (FAXBOT_SOFFICE); otherwise found on PATH or where LibreOffice installs itself. */
  command?: string;
  /** How long one conversion may take before it is stopped (FAXBOT_OFFICE_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** The environment: PATH is searched for soffice. Default: this process's. */
  env?: NodeJS.ProcessEnv;
}

export const OFFICE_TIME_LIMIT_MS = 60_000;

/** The conversion settings from the environment: FAXBOT_SOFFICE, FAXBOT_OFFICE_TIME_LIMIT_MS, PATH. */
export function officeConversionFrom(env: NodeJS.ProcessEnv): OfficeConversion {
  const limit = Number(env.FAXBOT_OFFICE_TIME_LIMIT_MS);
  return {
    ...(env.FAXBOT_SOFFICE?.trim() ? { command: env.FAXBOT_SOFFICE.trim() } : {}),
    ...(Number.isFinite(limit) && limit > 0 ? { timeLimitMs: limit } : {}),
    env,
  };
}
/** LibreOffice takes a few hundred MB per run: at most this many at once. */
const AT_ONCE = 2;
const TEMP_PREFIX = 'faxbot-office-';
/** A folder of ours older than this was left by a process that died mid-conversion. */
const STALE_MS = 60 * 60_000;

const WORDS: Record<OfficeFormat, string> = {
  docx: 'a Word document (DOCX)',
  doc: 'a Word 97–2003 document (DOC)',
  xlsx: 'an Excel workbook (XLSX)',
  xls: 'an Excel 97–2003 workbook (XLS)',
  odt: 'an OpenDocument text (ODT)',
  ods: 'an OpenDocument spreadsheet (ODS)',
  rtf: 'a rich-text document (RTF)',
};

export const LIBREOFFICE_INSTALL =
  'install LibreOffice (Debian or Ubuntu: sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui; macOS or Windows: download LibreOffice from libreoffice.org), or open the document and print it to the Faxbot printer';

function includesAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

function includesUtf16(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, 'utf16le'));
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Which office format the bytes are, by their content (a ZIP's part names, an OLE2 stream name, RTF's header). */
export function officeFormatOf(bytes: Uint8Array): OfficeFormat | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // OpenDocument stores its type uncompressed as the first part; OOXML's part names are in the directory.
    if (includesAscii(bytes.subarray(0, 200), 'application/vnd.oasis.opendocument.text')) return 'odt';
    if (includesAscii(bytes.subarray(0, 200), 'application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (includesAscii(bytes, 'word/document.xml')) return 'docx';
    if (includesAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (includesUtf16(bytes, 'WordDocument')) return 'doc';
    if (includesUtf16(bytes, 'Workbook') || includesUtf16(bytes, 'Book')) return 'xls';
    return null;
  }
  const head = Buffer.from(bytes.subarray(0, 16))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  return head.startsWith('{\\rtf') ? 'rtf' : null;
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const INSTALLED_AT: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['/Applications/LibreOffice.app/Contents/MacOS/soffice'],
  win32: ['C:\\Program Files\\LibreOffice\\program\\soffice.exe', 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe'],
};

/** The soffice to run, or null when LibreOffice is not installed. */
export async function findSoffice(options: OfficeConversion = {}): Promise<string | null> {
  const env = options.env ?? process.env;
  if (options.command) return (await executable(options.command)) ? options.command : null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of names) if (await executable(join(dir, name))) return join(dir, name);
  for (const path of INSTALLED_AT[process.platform] ?? []) if (await executable(path)) return path;
  return null;
}

export function libreOfficeMissing(fileName: string, format: OfficeFormat): FaxError {
  return new FaxError(
    'unsupported_type',
    `${fileName} is ${WORDS[format]}. Faxbot turns office documents into fax pages with LibreOffice, which is not installed on this computer: ${LIBREOFFICE_INSTALL}.`,
    { field: 'file' },
  );
}

function seconds(ms: number): string {
  const n = Math.max(1, Math.round(ms / 1000));
  return n === 1 ? '1 second' : `${n} seconds`;
}

function conversionTooSlow(fileName: string, format: OfficeFormat, limitMs: number): FaxError {
  return new FaxError(
    'unsupported_type',
    `LibreOffice took longer than ${seconds(limitMs)} to turn ${fileName} (${WORDS[format]}) into fax pages and was stopped: open it and print it to the Faxbot printer, or save it as a PDF and add that.`,
    { field: 'file' },
  );
}

function conversionFailed(fileName: string, format: OfficeFormat, detail: string): FaxError {
  return new FaxError(
    'unsupported_type',
    `LibreOffice could not open ${fileName} as ${WORDS[format]}${detail ? ` (${detail})` : ''}; it may be damaged: open it in the program that made it, save it again (or save it as a PDF), and add that copy.`,
    { field: 'file' },
  );
}

// At most AT_ONCE conversions; the rest wait their turn.
let running = 0;
const waiting: (() => void)[] = [];
async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Removes folders a killed Faxbot left mid-conversion (their documents would stay in the clear). */
async function sweepStale(): Promise<void> {
  const root = tmpdir();
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
    const path = join(root, name);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory() && Date.now() - info.mtimeMs > STALE_MS)
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

interface RunResult {
  outcome: 'done' | 'timeout' | 'failed';
  detail: string;
}

function runSoffice(command: string, args: string[], env: NodeJS.ProcessEnv, limitMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    // Its own process group, so a stop reaches soffice.bin behind the soffice launcher script.
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const stopAll = () => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopAll();
    }, limitMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ outcome: 'failed', detail: error.message });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // Anything it started and left behind goes with it.
      stopAll();
      const said =
        output
          .split('\n')
          .map((line) => line.trim())
          .find((line) => /^error/i.test(line)) ?? (code ? `it stopped with code ${code}` : signal ? `it was stopped (${signal})` : '');
      resolve({ outcome: timedOut ? 'timeout' : code === 0 ? 'done' : 'failed', detail: said.replace(/^error:\s*/i, '') });
    });
  });
}

/** Converts an office document to PDF with LibreOffice. Throws FaxError with what to do. */
export async function officeToPdf(
  fileName: string,
  format: OfficeFormat,
  bytes: Uint8Array,
  options: OfficeConversion = {},
): Promise<Uint8Array> {
  const command = await findSoffice(options);
  if (!command) throw libreOfficeMissing(fileName, format);
  const limitMs = options.timeLimitMs && options.timeLimitMs > 0 ? options.timeLimitMs : OFFICE_TIME_LIMIT_MS;
  return turn(async () => {
    void sweepStale();
    // mkdtemp makes the folder readable by this user only (0700).
    const dir = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
    try {
      // A neutral name: the person's file name (often a patient's) never reaches the disk.
      const input = join(dir, `document.${format}`);
      const outDir = join(dir, 'out');
      await writeFile(input, bytes, { mode: 0o600 });
      const args = [
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        input,
      ];
      // HOME and the temp folder inside ours too: LibreOffice writes nothing anywhere else.
      const env = { ...(options.env ?? process.env), HOME: dir, TMPDIR: dir, TMP: dir, TEMP: dir };
      const run = await runSoffice(command, args, env, limitMs);
      if (run.outcome === 'timeout') throw conversionTooSlow(fileName, format, limitMs);
      const pdf = await readFile(join(outDir, 'document.pdf')).catch(() => null);
      if (run.outcome !== 'done' || !pdf || pdf.length === 0) throw conversionFailed(fileName, format, run.detail);
      return new Uint8Array(pdf);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
