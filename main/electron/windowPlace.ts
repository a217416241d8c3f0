// Where the window opens: where it was last on the display it was on, when that display is
// still attached, and always somewhere a person can see and grab it. Pure, so the rules are
// tested without a screen.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the shell needs of an Electron Display. */
export interface DisplayArea {
  id: number;
  workArea: Rect;
}

const rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** One display's remembered place: the window's normal (not maximized) bounds, and whether it was maximized. */
export const savedPlace = z.object({ bounds: rect, maximized: z.boolean(), savedAt: z.number() });
export type SavedPlace = z.infer<typeof savedPlace>;

/** The file electron-store keeps: a place per display, and which display the window was last on. */
export const windowPlaces = z.object({ last: z.string().nullable(), places: z.record(z.string(), savedPlace) });
export type WindowPlaces = z.infer<typeof windowPlaces>;

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export interface WindowPlace {
  bounds: Rect;
  maximized: boolean;
}

/**
 * A display is the same one when its id and its work area's size match: a laptop screen
 * with and without a dock, or a monitor at another resolution, each get their own place.
 */
export function displayKey(display: DisplayArea): string {
  return `${display.id}@${display.workArea.width}x${display.workArea.height}`;
}

/** How much of the window must be on a work area to count as visible: enough of the title bar to grab. */
export const MIN_VISIBLE = { width: 64, height: 32 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

export function isVisibleOn(bounds: Rect, displays: readonly DisplayArea[]): boolean {
  return displays.some((display) => {
    const shared = overlap(bounds, display.workArea);
    return shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height;
  });
}

/** The window's size kept within the work area (and never under the minimum), centred on it. */
export function centredOn(display: DisplayArea, width: number, height: number, size: WindowSize): Rect {
  const area = display.workArea;
  const w = Math.max(size.minWidth, Math.min(width, area.width));
  const h = Math.max(size.minHeight, Math.min(height, area.height));
  return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
}

/** The display the window was on, among those attached now: the last one it was on, else the most recently saved. */
function rememberedPlace(saved: WindowPlaces | null, displays: readonly DisplayArea[]): SavedPlace | null {
  if (!saved) return null;
  const attached = new Set(displays.map(displayKey));
  if (saved.last && attached.has(saved.last) && saved.places[saved.last]) return saved.places[saved.last]!;
  const candidates = Object.entries(saved.places)
    .filter(([key]) => attached.has(key))
    .sort(([, a], [, b]) => b.savedAt - a.savedAt);
  return candidates[0]?.[1] ?? null;
}

/**
 * Where to open the window. A place whose display is gone, or that no longer shows on any
 * display (the arrangement changed), comes back centred on the primary display.
 */
export function placeWindow(
  saved: WindowPlaces | null,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
  size: WindowSize,
): WindowPlace {
  const remembered = rememberedPlace(saved, displays);
  if (!remembered) return { bounds: centredOn(primary, size.width, size.height, size), maximized: false };
  const { bounds, maximized } = remembered;
  const width = Math.max(size.minWidth, bounds.width);
  const height = Math.max(size.minHeight, bounds.height);
  const kept = { ...bounds, width, height };
  if (isVisibleOn(kept, displays)) return { bounds: kept, maximized };
  return { bounds: centredOn(primary, width, height, size), maximized };
}

/** Displays remembered at most; the ones not seen for longest are forgotten first. */
export const MAX_PLACES = 16;

/** The file after saving `place` for the display the window is on now. */
export function withPlace(saved: WindowPlaces | null, display: DisplayArea, place: WindowPlace, now: number): WindowPlaces {
  const key = displayKey(display);
  const places = Object.entries({ ...(saved?.places ?? {}), [key]: { ...place, savedAt: now } })
    .sort(([, a], [, b]) => b.savedAt - a.savedAt)
    .slice(0, MAX_PLACES);
  return { last: key, places: Object.fromEntries(places) };
}
