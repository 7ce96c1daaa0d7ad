import { describe, expect, it } from 'vitest';
import {
  captureWindowState,
  parseWindowState,
  restoreWindowState,
  sameWindowState,
  type Rect,
} from './windowState';

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 }; // menu bar above
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const defaultSize = { width: 1200, height: 800 };
const minSize = { width: 720, height: 480 };

const restore = (saved: unknown, workAreas: Rect[] = [laptop, rightMonitor], primaryWorkArea = laptop) =>
  restoreWindowState({ saved, workAreas, primaryWorkArea, defaultSize, minSize });

describe('restoreWindowState', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(restore(undefined)).toEqual({
      bounds: { x: 120, y: 63, width: 1200, height: 800 },
      isMaximized: false,
      isFullScreen: false,
    });
  });

  it('puts a window back exactly where it was when that place is still on screen', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700, isMaximized: true, isFullScreen: false };
    expect(restore(saved)).toEqual({
      bounds: { x: 2000, y: 100, width: 1000, height: 700 },
      isMaximized: true,
      isFullScreen: false,
    });
  });

  it('centres the default on the primary display when the monitor it was on is gone', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700, isMaximized: false, isFullScreen: true };
    expect(restore(saved, [laptop])).toEqual({
      bounds: { x: 120, y: 63, width: 1200, height: 800 },
      isMaximized: false,
      isFullScreen: true,
    });
  });

  it('pulls a window that hangs off the edge fully onto the display it overlaps most', () => {
    const saved = { x: 1300, y: -200, width: 1000, height: 700, isMaximized: false, isFullScreen: false };
    // overlaps the laptop by 140 px and the monitor by 860 px → the monitor wins
    expect(restore(saved).bounds).toEqual({ x: 1440, y: 0, width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display to the work area', () => {
    const saved = { x: 10, y: 30, width: 3000, height: 2000, isMaximized: false, isFullScreen: false };
    expect(restore(saved, [laptop]).bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('never restores below the minimum size', () => {
    const saved = { x: 100, y: 100, width: 50, height: 20, isMaximized: false, isFullScreen: false };
    expect(restore(saved).bounds).toEqual({ x: 100, y: 100, width: 720, height: 480 });
  });

  it('works with displays left of and above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -300, width: 1920, height: 1080 };
    const saved = { x: -1500, y: -200, width: 900, height: 600, isMaximized: false, isFullScreen: false };
    expect(restore(saved, [laptop, left]).bounds).toEqual({ x: -1500, y: -200, width: 900, height: 600 });
  });

  it('centres a saved size with no position on the primary display', () => {
    const saved = { width: 1000, height: 600, isMaximized: false, isFullScreen: false };
    expect(restore(saved).bounds).toEqual({ x: 220, y: 163, width: 1000, height: 600 });
  });

  it.each([
    null,
    'big',
    42,
    {},
    { width: 'wide', height: 600 },
    { width: -1, height: 600 },
    { width: NaN, height: 1 },
  ])('treats a hand-broken value (%j) as no saved state', (saved) => {
    expect(restore(saved).bounds).toEqual({ x: 120, y: 63, width: 1200, height: 800 });
  });

  it('centres the default on a primary display smaller than the default size', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 600 };
    expect(restore(undefined, [small], small).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });
});

describe('parseWindowState', () => {
  it('keeps what is valid and rounds fractional pixels', () => {
    expect(parseWindowState({ x: 10.4, y: 20.6, width: 800.2, height: 600, isMaximized: true })).toEqual({
      x: 10,
      y: 21,
      width: 800,
      height: 600,
      isMaximized: true,
      isFullScreen: false,
    });
    expect(parseWindowState({ x: 10, width: 800, height: 600 })).toEqual({
      width: 800,
      height: 600,
      isMaximized: false,
      isFullScreen: false,
    });
  });
});

describe('captureWindowState / sameWindowState', () => {
  it('stores the normal bounds with the modes, and spots a save that changes nothing', () => {
    const state = captureWindowState({
      normalBounds: { x: 1.2, y: 2, width: 900, height: 700 },
      isMaximized: true,
      isFullScreen: false,
    });
    expect(state).toEqual({ x: 1, y: 2, width: 900, height: 700, isMaximized: true, isFullScreen: false });
    expect(sameWindowState(state, { ...state })).toBe(true);
    expect(sameWindowState(state, { ...state, isMaximized: false })).toBe(false);
    expect(sameWindowState(state, { ...state, width: 901 })).toBe(false);
    expect(sameWindowState(undefined, state)).toBe(false);
  });
});
