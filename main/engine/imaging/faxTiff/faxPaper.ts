// The fax page geometry (T.4): a 1728-pixel scan line at 204 dpi (215 mm), and as many lines
// as the paper is long at 196 (fine) or 98 (normal) lines per inch.

export type FaxResolution = 'fine' | 'normal';
export type FaxPaper = 'letter' | 'a4';

export const FAX_LINE_PIXELS = 1728;
export const FAX_X_DPI = 204;

export const PAPER_LENGTH_IN: Record<FaxPaper, number> = { letter: 11, a4: 297 / 25.4 };
const PAPER_WIDTH_IN: Record<FaxPaper, number> = { letter: 8.5, a4: 210 / 25.4 };

export function linesPerInch(resolution: FaxResolution): number {
  return resolution === 'normal' ? 98 : 196;
}

/** Scan lines on one page: Letter fine 2156, A4 fine 2292; half that in normal mode. */
export function pageLines(paper: FaxPaper, resolution: FaxResolution): number {
  return Math.round(PAPER_LENGTH_IN[paper] * linesPerInch(resolution));
}

/** The paper whose shape is nearest the page's (the engine has already made it Letter or A4). */
export function nearestPaper(widthPt: number, heightPt: number): FaxPaper {
  const ratio = Math.max(widthPt, heightPt) / Math.min(widthPt, heightPt);
  const off = (paper: FaxPaper) => Math.abs(ratio - PAPER_LENGTH_IN[paper] / PAPER_WIDTH_IN[paper]);
  return off('a4') < off('letter') ? 'a4' : 'letter';
}
