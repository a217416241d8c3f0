// The optional Ghostscript renderer (FAX_TIFF_RENDERER=ghostscript): for offices that trust
// gs's rendering of some odd PDFs more than pdf.js's. Same page geometry as the built-in one.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaxError } from '../../../../shared/errors';
import { FAX_LINE_PIXELS, FAX_X_DPI, linesPerInch, pageLines, type FaxPaper, type FaxResolution } from './faxPaper';

const GS_TIME_LIMIT_MS = 10 * 60_000;

export function ghostscriptMissing(): FaxError {
  return new FaxError('internal', 'Ghostscript is not installed; install it or use the built-in renderer (set FAX_TIFF_RENDERER=builtin).');
}

/** Run `gs -sDEVICE=tiffg4` on the PDF; answers the TIFF bytes. */
export async function ghostscriptFaxTiff(pdf: Uint8Array, resolution: FaxResolution, paper: FaxPaper): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'faxbot-gs-'));
  try {
    const input = join(dir, 'in.pdf');
    const output = join(dir, 'out.tif');
    await writeFile(input, pdf);
    const args = [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=tiffg4',
      `-r${FAX_X_DPI}x${linesPerInch(resolution)}`,
      `-g${FAX_LINE_PIXELS}x${pageLines(paper, resolution)}`,
      '-dPDFFitPage',
      `-sOutputFile=${output}`,
      input,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile('gs', args, { timeout: GS_TIME_LIMIT_MS, maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
        if (!error) return resolve();
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(ghostscriptMissing());
        const detail = String(stderr || error.message)
          .trim()
          .split('\n')
          .slice(0, 3)
          .join(' ');
        reject(
          new FaxError(
            'pdf_damaged',
            `Ghostscript could not turn this PDF into a fax image (${detail}): print it to a new PDF and try again, or use the built-in renderer.`,
            { cause: error },
          ),
        );
      });
    });
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
