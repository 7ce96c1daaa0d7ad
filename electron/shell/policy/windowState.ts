/**
 * Remembering the window between launches (settings key `windowState`). A saved rectangle is
 * never trusted blindly: monitors get unplugged and resolutions change, so a window is pulled
 * back onto the display it overlaps most, or centred on the primary display when it overlaps none.
 */
import type { WindowStateData } from '../../ports';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface RestoredWindow {
  bounds: Rect;
  isMaximized: boolean;
  isFullScreen: boolean;
}

/** Saves are debounced: resizing fires dozens of events a second, and each set rewrites the file. */
export const WINDOW_STATE_SAVE_DELAY_MS = 500;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A stored value that is really a window state (the file can be edited by hand), else null. */
export function parseWindowState(raw: unknown): WindowStateData | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isFiniteNumber(r.width) || !isFiniteNumber(r.height) || r.width <= 0 || r.height <= 0) return null;
  const state: WindowStateData = {
    width: Math.round(r.width),
    height: Math.round(r.height),
    isMaximized: r.isMaximized === true,
    isFullScreen: r.isFullScreen === true,
  };
  if (isFiniteNumber(r.x) && isFiniteNumber(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

export interface RestoreInput {
  saved: unknown;
  /** `screen.getAllDisplays().map(d => d.workArea)`. */
  workAreas: readonly Rect[];
  /** `screen.getPrimaryDisplay().workArea`. */
  primaryWorkArea: Rect;
  defaultSize: Size;
  minSize: Size;
}

export function restoreWindowState({
  saved,
  workAreas,
  primaryWorkArea,
  defaultSize,
  minSize,
}: RestoreInput): RestoredWindow {
  const state = parseWindowState(saved);
  const centredDefault = centre(fit(defaultSize, primaryWorkArea), primaryWorkArea);
  if (!state) return { bounds: centredDefault, isMaximized: false, isFullScreen: false };

  const modes = { isMaximized: state.isMaximized, isFullScreen: state.isFullScreen };
  const size = {
    width: Math.max(minSize.width, state.width),
    height: Math.max(minSize.height, state.height),
  };
  if (state.x === undefined || state.y === undefined) {
    return { bounds: centre(fit(size, primaryWorkArea), primaryWorkArea), ...modes };
  }

  const rect = { x: state.x, y: state.y, ...size };
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersectionArea(rect, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  if (!best) return { bounds: centredDefault, ...modes };

  const fitted = fit(size, best);
  return {
    bounds: {
      x: clamp(rect.x, best.x, best.x + best.width - fitted.width),
      y: clamp(rect.y, best.y, best.y + best.height - fitted.height),
      ...fitted,
    },
    ...modes,
  };
}

/**
 * What to store. `normalBounds` is `getNormalBounds()`: the size the window returns to when
 * un-maximized, so a maximized window is remembered as maximized, not as a huge normal one.
 */
export function captureWindowState(input: {
  normalBounds: Rect;
  isMaximized: boolean;
  isFullScreen: boolean;
}): WindowStateData {
  const { normalBounds: b } = input;
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.round(b.width),
    height: Math.round(b.height),
    isMaximized: input.isMaximized,
    isFullScreen: input.isFullScreen,
  };
}

/** Whether a save would change anything (every set rewrites the whole settings file). */
export function sameWindowState(a: WindowStateData | null | undefined, b: WindowStateData): boolean {
  return (
    !!a &&
    a.x === b.x &&
    a.y === b.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.isMaximized === b.isMaximized &&
    a.isFullScreen === b.isFullScreen
  );
}

function fit(size: Size, area: Rect): Size {
  return { width: Math.min(size.width, area.width), height: Math.min(size.height, area.height) };
}

function centre(size: Size, area: Rect): Rect {
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(Math.max(v, min), Math.max(min, max));
}
