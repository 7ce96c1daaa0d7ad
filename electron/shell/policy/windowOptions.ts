/**
 * The main window's options. Every web preference that matters for security is written out, even
 * where it is Electron's default, so a change of default or a careless edit shows up in review
 * and in the test beside this file.
 * https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations
 */
import type { ThemePreference } from '../../contract';
import type { Rect } from './windowState';

export const WINDOW_TITLE = 'Signet';
/** The editor plus the draft list stay usable down to this size. */
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;

/** The colour painted before the renderer's first frame; the renderer's own background must match. */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#1e1e1e' } as const;

export function backgroundColorFor(theme: ThemePreference, systemIsDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemIsDark);
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

export interface MainWindowInput {
  preloadPath: string;
  spellcheck: boolean;
  bounds: Rect;
  backgroundColor: string;
}

/** Plain data; the glue passes it to `new BrowserWindow` (which type-checks it). */
export function mainWindowOptions({ preloadPath, spellcheck, bounds, backgroundColor }: MainWindowInput) {
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: WINDOW_TITLE,
    // Shown on 'ready-to-show' so the author never sees an empty frame.
    show: false,
    backgroundColor,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // An endless alert() loop from a bad page can be stopped by the author.
      safeDialogs: true,
      spellcheck,
    },
  } as const;
}
