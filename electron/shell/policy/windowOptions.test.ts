import { describe, expect, it } from 'vitest';
import { backgroundColorFor, mainWindowOptions, MIN_WINDOW_SIZE, WINDOW_BACKGROUND } from './windowOptions';

const options = (spellcheck = true) =>
  mainWindowOptions({
    preloadPath: '/app/out/preload/preload.cjs',
    spellcheck,
    bounds: { x: 1, y: 2, width: 1000, height: 700 },
    backgroundColor: '#ffffff',
  });

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(options().webPreferences).toMatchObject({
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
    });
  });

  it('loads the CommonJS preload and enables no blink features', () => {
    const prefs = options().webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });

  it('follows the spellcheck preference', () => {
    expect(options(true).webPreferences.spellcheck).toBe(true);
    expect(options(false).webPreferences.spellcheck).toBe(false);
  });

  it('starts hidden at the restored bounds, titled Signet, never smaller than the minimum', () => {
    expect(options()).toMatchObject({
      show: false,
      title: 'Signet',
      x: 1,
      y: 2,
      width: 1000,
      height: 700,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      backgroundColor: '#ffffff',
    });
  });
});

describe('backgroundColorFor', () => {
  it('paints the colour of the theme the renderer will show', () => {
    expect(backgroundColorFor('dark', false)).toBe(WINDOW_BACKGROUND.dark);
    expect(backgroundColorFor('light', true)).toBe(WINDOW_BACKGROUND.light);
    expect(backgroundColorFor('system', true)).toBe(WINDOW_BACKGROUND.dark);
    expect(backgroundColorFor('system', false)).toBe(WINDOW_BACKGROUND.light);
  });
});
