// `faxbot tiff IN OUT.tiff`: the fax image Faxbot would hand Asterisk, without sending
// anything. Takes whatever the Send screen takes (PDF, text, PNG, JPEG, TIFF), normalized the
// same way, so a person can check what the far end will receive.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isFaxError } from '../../shared/errors';
import { ConfigError, loadConfig, type EngineConfig } from '../engine/config';
import { normalizeDocument, pdfToFaxTiff } from '../engine/imaging';
import { CliError, UsageError, type CliIo } from './cliIo';
import { TIFF_HELP } from './usage';

const MIB = 1024 * 1024;

function settings(io: CliIo): EngineConfig {
  try {
    return loadConfig({}, io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

async function readInput(path: string, shown: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${shown} is a folder: name a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot find ${shown}: check the file name and folder.`);
  }
  // Checked before reading, so a huge file is refused without loading it into memory.
  if (size > maxBytes)
    throw new CliError(`${shown} is ${(size / MIB).toFixed(1)} MB: a file can be up to ${maxBytes / MIB} MB (MAX_FILE_SIZE_MB).`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(
      `Cannot read ${shown}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message}.`,
    );
  }
}

export async function tiffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      normal: { type: 'boolean' },
      paper: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(TIFF_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('Name the document and the TIFF to write: faxbot tiff IN.pdf OUT.tiff', 'tiff');
  const paper = values.paper?.trim().toLowerCase() ?? 'letter';
  if (paper !== 'letter' && paper !== 'a4')
    throw new UsageError(`--paper ${values.paper} is not a paper size Faxbot knows: use letter or a4.`, 'tiff');
  const config = settings(io);
  const [inArg, outArg] = positionals;
  const inPath = resolve(io.cwd, inArg);
  const outPath = resolve(io.cwd, outArg);
  if (inPath === outPath) throw new UsageError('The TIFF would overwrite the document: name a different output file.', 'tiff');
  // The file is a TIFF whatever its name: a .png or .pdf name makes programs refuse or misread it.
  if (!/\.tiff?$/i.test(outArg)) {
    const ending = /\.([^./\\]+)$/.exec(outArg)?.[1];
    const suggested = `${ending ? outArg.slice(0, -ending.length - 1) : outArg}.tiff`;
    const what = ending ? `will hold a fax TIFF, not a .${ending} file` : 'has no .tiff ending';
    io.stderr(`faxbot: warning: ${outArg} ${what}: name it ${suggested} so other programs open it as a TIFF.\n`);
  }

  const maxBytes = config.maxFileSizeMb * MIB;
  const bytes = await readInput(inPath, inArg, maxBytes);
  // Written beside the target and renamed into place, so a failure never leaves half a TIFF.
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const document = await normalizeDocument(
      { fileName: basename(inPath), bytes },
      { paperSize: paper, limits: { maxBytes, maxPages: config.maxPages } },
    );
    const { tiff, pages } = await pdfToFaxTiff(document.pdf, {
      resolution: values.normal ? 'normal' : 'fine',
      paper,
      renderer: config.faxTiffRenderer,
    });
    await writeFile(temp, tiff);
    await rename(temp, outPath);
    const kb = Math.max(1, Math.round(tiff.length / 1024));
    io.stdout(
      `${outArg}: ${pages} ${pages === 1 ? 'page' : 'pages'}, ${kb} KB (fax TIFF, Group 4, 204×${values.normal ? 98 : 196} dpi, ${paper === 'a4' ? 'A4' : 'Letter'})\n`,
    );
    return 0;
  } catch (error) {
    await rm(temp, { force: true });
    if (isFaxError(error)) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new CliError(`Cannot write ${outArg}: ${code === 'EACCES' ? 'permission denied' : 'check the folder exists'}.`);
    }
    throw error;
  }
}
