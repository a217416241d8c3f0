// PDF → fax TIFF (issue 7): pages per second of the built-in renderer (pdf.js + our Group 4
// encoder) beside Ghostscript's tiffg4 device on the same files in the same run, and the
// size of each one's output. Both documents are generated, so every run measures the same.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pdfToFaxTiff } from '../main/engine/imaging';
import { encodeGreyPng } from '../main/engine/imaging/greyPng';
import { result, timeRuns, median, type BenchResult } from './stats';

/** 50 Letter pages of 11-pt prose, like a typical referral packet. */
async function textPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const words =
    'patient referral cardiology follow-up medication allergies history signed physician please fax results to the office at your earliest convenience'.split(
      ' ',
    );
  let w = 0;
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Page ${p + 1} of ${pages}`, { x: 72, y: 740, size: 14, font });
    for (let line = 0; line < 50; line++) {
      let text = '';
      while (text.length < 90) text += words[w++ % words.length] + ' ';
      page.drawText(text, { x: 72, y: 710 - line * 12.5, size: 11, font });
    }
  }
  return doc.save();
}

/** 10 pages, each a full-page greyscale "scan" at 150 dpi: smooth shapes plus grain, like a photo. */
async function scannedPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const width = 1275,
    height = 1650;
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let p = 0; p < pages; p++) {
    const grey = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const shade = 128 + 60 * Math.sin((x + p * 40) / 90) * Math.cos(y / 120) + 40 * Math.sin((x + y) / 300);
        grey[y * width + x] = Math.max(0, Math.min(255, Math.round(shade + (random() - 0.5) * 40)));
      }
    }
    const image = await doc.embedPng(encodeGreyPng(grey, width, height));
    doc.addPage([612, 792]).drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
  }
  return doc.save();
}

function hasGhostscript(): boolean {
  try {
    execFileSync('gs', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The command line issue 7 names, run directly so its figure is Ghostscript's own. */
function ghostscript(pdf: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-bench-gs-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('gs', [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=tiffg4',
      '-r204x196',
      `-sOutputFile=${join(dir, 'out.tif')}`,
      join(dir, 'in.pdf'),
    ]);
    return readFileSync(join(dir, 'out.tif')).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchFaxTiff(runs: number): Promise<BenchResult[]> {
  // Each run renders 50 or 10 whole pages; three runs give a stable median without a long wait.
  const n = Math.max(1, Math.min(runs, 3));
  const gs = hasGhostscript();
  const out: BenchResult[] = [];
  for (const [label, pages, make] of [
    ['50-page text PDF', 50, textPdf],
    ['10-page scanned-image PDF', 10, scannedPdf],
  ] as const) {
    const pdf = await make(pages);
    let builtinBytes = 0;
    const builtin = await timeRuns(n, async () => {
      builtinBytes = (await pdfToFaxTiff(pdf, { resolution: 'fine' })).tiff.length;
    });
    const builtinRate = builtin.map((ms) => pages / (ms / 1000));
    out.push(result(`fax TIFF, built-in, ${label}`, 'pages/s', builtinRate, `output ${(builtinBytes / 1024).toFixed(0)} KB`));
    if (!gs) {
      out.push(result(`fax TIFF, Ghostscript, ${label}`, 'pages/s', [0], 'not measured: gs is not installed'));
      continue;
    }
    let gsBytes = 0;
    const gsTimes = await timeRuns(n, async () => {
      gsBytes = ghostscript(pdf);
    });
    const gsRate = gsTimes.map((ms) => pages / (ms / 1000));
    out.push(result(`fax TIFF, gs -sDEVICE=tiffg4 -r204x196, ${label}`, 'pages/s', gsRate, `output ${(gsBytes / 1024).toFixed(0)} KB`));
    out.push(
      result(
        `fax TIFF, built-in speed as a share of Ghostscript's, ${label}`,
        '%',
        [(100 * median(builtinRate)) / median(gsRate)],
        `size built-in ÷ gs: ${(builtinBytes / gsBytes).toFixed(2)}`,
      ),
    );
  }
  return out;
}
