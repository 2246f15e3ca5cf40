/**
 * The main window's size and position across launches: pure, so it is tested without
 * Electron. A saved position is used only where it is still visible on a display (a
 * monitor may have been unplugged since); otherwise the window is centred.
 */

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is saved when the window closes. */
export interface WindowState {
  /** The window's bounds when not maximized. */
  bounds: Rect;
  maximized: boolean;
}

/** The window's size limits and its size on first launch. */
export interface WindowSizes {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** How much of the window (at least its title bar's worth) must be on a display to count as visible. */
const VISIBLE_PX = 64;

function isRect(value: unknown): value is Rect {
  const rect = value as Record<string, unknown> | null;
  return (
    typeof rect === 'object' && rect !== null &&
    ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(rect[key]))
  );
}

/** A saved state read back from JSON, or null when it is missing or malformed. */
export function parseWindowState(value: unknown): WindowState | null {
  const state = value as Record<string, unknown> | null;
  if (typeof state !== 'object' || state === null || !isRect(state.bounds)) return null;
  return { bounds: { ...state.bounds }, maximized: state.maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open the window with: the saved ones when they are on a display (size kept
 * within the limits and that display), else the saved or default size with no position, so
 * the window is centred on the primary display.
 */
export function restoredBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  sizes: WindowSizes,
): { x?: number; y?: number; width: number; height: number; maximized: boolean } {
  if (!saved) return { width: sizes.width, height: sizes.height, maximized: false };
  const bounds = {
    x: Math.round(saved.bounds.x),
    y: Math.round(saved.bounds.y),
    width: Math.max(sizes.minWidth, Math.round(saved.bounds.width)),
    height: Math.max(sizes.minHeight, Math.round(saved.bounds.height)),
  };
  const home = workAreas.find((area) => {
    const shared = overlap(bounds, area);
    return shared.width >= VISIBLE_PX && shared.height >= VISIBLE_PX;
  });
  // Not larger than the display it opens on (but never below the minimum).
  const limit = home ?? workAreas[0];
  const width = Math.max(sizes.minWidth, Math.min(bounds.width, limit?.width ?? bounds.width));
  const height = Math.max(sizes.minHeight, Math.min(bounds.height, limit?.height ?? bounds.height));
  if (!home) return { width, height, maximized: saved.maximized };
  return { x: bounds.x, y: bounds.y, width, height, maximized: saved.maximized };
}
