// How wide the page is drawn: fit to the viewer's width (the default: a fax is read at the
// width of the pane), or a fixed width the person zoomed to.

export type Zoom = { mode: 'fit' } | { mode: 'fixed'; width: number };

export const FIT_WIDTH: Zoom = { mode: 'fit' };
export const MIN_PAGE_WIDTH = 200;
export const MAX_PAGE_WIDTH = 2400;
const STEP = 1.25;

/** The page's drawn width in CSS pixels, for a viewer `available` pixels wide. */
export function pageWidth(zoom: Zoom, available: number): number {
  const fit = Math.max(MIN_PAGE_WIDTH, Math.floor(Number.isFinite(available) ? available : 0));
  return zoom.mode === 'fit' ? fit : zoom.width;
}

/** One step in (+1) or out (−1) from what is shown now. */
export function zoomStep(zoom: Zoom, available: number, direction: 1 | -1): Zoom {
  const width = pageWidth(zoom, available) * (direction > 0 ? STEP : 1 / STEP);
  return { mode: 'fixed', width: Math.round(Math.min(MAX_PAGE_WIDTH, Math.max(MIN_PAGE_WIDTH, width))) };
}

export function canZoom(zoom: Zoom, available: number, direction: 1 | -1): boolean {
  const width = pageWidth(zoom, available);
  return direction > 0 ? width < MAX_PAGE_WIDTH : width > MIN_PAGE_WIDTH;
}

/** Zoom as a person reads it: the drawn width against the fitted width. */
export function zoomPercent(zoom: Zoom, available: number): number {
  return Math.round((pageWidth(zoom, available) / pageWidth(FIT_WIDTH, available)) * 100);
}
