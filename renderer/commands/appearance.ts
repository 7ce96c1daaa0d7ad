/** Zoom steps, editor typefaces and the theme toggle: the rules behind the appearance commands. */
import type { Preferences, ThemePreference } from '../../electron/contract';

export type EditorFont = Preferences['editorFont'];

export const ZOOM_MIN = 50;
export const ZOOM_MAX = 200;
/** The steps browsers and VS Code use, so zooming feels familiar. */
export const ZOOM_STEPS = [50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200] as const;

export function zoomIn(current: number): number {
  return ZOOM_STEPS.find((step) => step > current) ?? ZOOM_MAX;
}
export function zoomOut(current: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < current) ?? ZOOM_MIN;
}

export const EDITOR_FONT_SIZE_MIN = 12;
export const EDITOR_FONT_SIZE_MAX = 32;

export const EDITOR_FONTS: readonly { id: EditorFont; label: string; stack: string }[] = [
  {
    id: 'serif',
    label: 'Serif',
    stack:
      "Charter, 'Bitstream Charter', 'Iowan Old Style', Georgia, Cambria, 'Noto Serif', 'DejaVu Serif', serif",
  },
  {
    id: 'sans',
    label: 'Sans serif',
    stack: "'Inter', 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', sans-serif",
  },
  {
    id: 'mono',
    label: 'Monospace',
    stack: "'iA Writer Mono S', 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
  },
  {
    id: 'system',
    label: 'System',
    stack: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
];

export function editorFontStack(font: EditorFont): string {
  return (EDITOR_FONTS.find((f) => f.id === font) ?? EDITOR_FONTS[0]!).stack;
}

/** Light ↔ dark; from "same as the system" it goes to the opposite of what the system shows now. */
export function toggledTheme(current: ThemePreference, systemIsDark: boolean): ThemePreference {
  const showingDark = current === 'dark' || (current === 'system' && systemIsDark);
  return showingDark ? 'light' : 'dark';
}

/** How far Ctrl/⌘ + wheel must scroll for one zoom step: one mouse notch, several trackpad events. */
export const WHEEL_ZOOM_STEP_PX = 100;

/**
 * Ctrl/⌘ + wheel zooms in steps like the zoom commands. Wheel deltas add up (a trackpad sends many
 * small ones) and every `WHEEL_ZOOM_STEP_PX` of them is one step; scrolling up zooms in. The rest
 * is kept for the next event, and a change of direction starts afresh.
 */
export function wheelZoom(pending: number, deltaY: number, zoom: number): { zoom: number; pending: number } {
  let sum = Math.sign(pending) !== 0 && Math.sign(pending) !== Math.sign(deltaY) ? deltaY : pending + deltaY;
  let next = zoom;
  while (Math.abs(sum) >= WHEEL_ZOOM_STEP_PX) {
    next = sum < 0 ? zoomIn(next) : zoomOut(next);
    sum -= Math.sign(sum) * WHEEL_ZOOM_STEP_PX;
  }
  return { zoom: next, pending: sum };
}
