// The document of a send_fax call: read from a path on this computer, or decoded from
// base64. Every refusal says what to send instead. URLs are never fetched: a tool that
// downloads whatever address it is given would let a prompt make Faxbot fetch anything.
import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { FaxError } from '../../../../shared/errors';

const MIB = 1024 * 1024;
/** The original Faxbot's fileType values, plus the images this engine also converts. */
const FILE_TYPES = ['pdf', 'txt', 'png', 'jpg', 'jpeg', 'tif', 'tiff'] as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface SendFaxFileArgs {
  filePath?: string;
  fileUrl?: string;
  fileContent?: string;
  fileName?: string;
  fileType?: string;
}

export interface FaxFileRules {
  maxFileSizeMb: number;
  /** The folder a relative filePath is read from. */
  cwd: string;
  /** False over HTTP: a caller there is not the person at this computer, so it may not name files on it. */
  allowFilePaths: boolean;
}

function checkFileType(fileType: string | undefined): void {
  if (fileType === undefined) return;
  if (!(FILE_TYPES as readonly string[]).includes(fileType.toLowerCase())) {
    throw new FaxError(
      'unsupported_type',
      `fileType "${fileType.slice(0, 20)}" is not one Faxbot can fax: use pdf or txt (png, jpeg and tiff images work too).`,
      { field: 'fileType' },
    );
  }
}

function tooLarge(name: string, bytes: number, maxMb: number): FaxError {
  return new FaxError(
    'file_too_large',
    `${name} is ${(bytes / MIB).toFixed(1)} MB: a file can be up to ${maxMb} MB (MAX_FILE_SIZE_MB). Split it into smaller files.`,
    { field: 'file' },
  );
}

async function readFaxPath(filePath: string, rules: FaxFileRules): Promise<{ fileName: string; content: Uint8Array }> {
  const path = resolve(rules.cwd, filePath);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new FaxError(
      'not_found',
      `Cannot find the file ${filePath} (looked at ${path}): check the path, or send the content as fileContent.`,
      { field: 'filePath' },
    );
  }
  if (info.isDirectory()) throw new FaxError('invalid_input', `${filePath} is a folder: name one file in it.`, { field: 'filePath' });
  if (!info.isFile())
    throw new FaxError('invalid_input', `${filePath} is not a regular file (a device or pipe): save it as a file first.`, {
      field: 'filePath',
    });
  // Checked before reading, so a huge file is refused without loading it into memory.
  if (info.size > rules.maxFileSizeMb * MIB) throw tooLarge(filePath, info.size, rules.maxFileSizeMb);
  try {
    const handle = await open(path, 'r');
    try {
      return { fileName: basename(path), content: new Uint8Array(await handle.readFile()) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const denied = (error as NodeJS.ErrnoException).code === 'EACCES';
    throw new FaxError('invalid_input', `Cannot read ${filePath}: ${denied ? 'permission denied' : (error as Error).message}.`, {
      field: 'filePath',
    });
  }
}

function decodeFaxContent(args: SendFaxFileArgs, rules: FaxFileRules): { fileName: string; content: Uint8Array } {
  const name = basename((args.fileName ?? '').replace(/\\/g, '/')).trim() || `document.${(args.fileType ?? 'pdf').toLowerCase()}`;
  if (name.length > 255)
    throw new FaxError('invalid_input', 'fileName is longer than 255 characters: give a shorter name.', { field: 'fileName' });
  // Base64 is often wrapped over lines; a data: URL prefix is a common slip worth forgiving.
  const text = (args.fileContent ?? '').replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 !== 0) {
    throw new FaxError(
      'invalid_input',
      "fileContent is not base64: encode the file's bytes as standard base64 (A–Z, a–z, 0–9, +, /, padded with =).",
      { field: 'fileContent' },
    );
  }
  const bytes = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (bytes > rules.maxFileSizeMb * MIB) throw tooLarge(name, bytes, rules.maxFileSizeMb);
  return { fileName: name, content: new Uint8Array(Buffer.from(text, 'base64')) };
}

/** The file named by a send_fax call, or a FaxError saying what is wrong with the arguments. */
export async function faxFileFrom(args: SendFaxFileArgs, rules: FaxFileRules): Promise<{ fileName: string; content: Uint8Array }> {
  if (args.fileUrl !== undefined) {
    throw new FaxError(
      'invalid_input',
      'send_fax does not download files from URLs (fileUrl): Faxbot never fetches addresses it is handed. Download the file yourself and pass its bytes as fileContent (base64) with fileName' +
        (rules.allowFilePaths ? ', or pass filePath.' : '.'),
      { field: 'fileUrl' },
    );
  }
  checkFileType(args.fileType);
  const hasPath = args.filePath !== undefined && args.filePath !== '';
  const hasContent = args.fileContent !== undefined;
  if (hasPath && hasContent) throw new FaxError('invalid_input', 'Give either filePath or fileContent, not both.', { field: 'filePath' });
  if (hasPath) {
    if (!rules.allowFilePaths) {
      throw new FaxError(
        'invalid_input',
        "filePath is not accepted over HTTP: the Faxbot server would read the file from its own computer. Send the file's bytes as fileContent (base64) with fileName.",
        { field: 'filePath' },
      );
    }
    return readFaxPath(args.filePath!, rules);
  }
  if (hasContent) return decodeFaxContent(args, rules);
  throw new FaxError(
    'no_documents',
    `Say what to fax: ${rules.allowFilePaths ? 'filePath (a file on this computer), or ' : ''}fileContent (the file's bytes in base64) with fileName.`,
    { field: 'fileContent' },
  );
}

/** The biggest base64 text a send_fax call can carry, plus room for the JSON around it. */
export function maxMessageBytes(maxFileSizeMb: number): number {
  return Math.ceil((maxFileSizeMb * MIB * 4) / 3) + MIB;
}
