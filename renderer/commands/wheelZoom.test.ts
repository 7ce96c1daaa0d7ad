import { describe, expect, it } from 'vitest';
import { wheelZoom, WHEEL_ZOOM_STEP_PX, ZOOM_MAX, ZOOM_MIN } from './appearance';

describe('Ctrl + wheel zoom', () => {
  it('zooms in one step per mouse notch upwards and out downwards', () => {
    expect(wheelZoom(0, -WHEEL_ZOOM_STEP_PX, 100)).toEqual({ zoom: 110, pending: 0 });
    expect(wheelZoom(0, WHEEL_ZOOM_STEP_PX, 100)).toEqual({ zoom: 90, pending: 0 });
    expect(wheelZoom(0, -3 * WHEEL_ZOOM_STEP_PX, 100).zoom).toBe(150);
  });

  it('adds small trackpad deltas up until they make a step', () => {
    let state = { zoom: 100, pending: 0 };
    for (let i = 0; i < 9; i++) state = wheelZoom(state.pending, -10, state.zoom);
    expect(state).toEqual({ zoom: 100, pending: -90 });
    state = wheelZoom(state.pending, -15, state.zoom);
    expect(state).toEqual({ zoom: 110, pending: -5 });
  });

  it('starts afresh when the direction changes', () => {
    expect(wheelZoom(-90, 20, 100)).toEqual({ zoom: 100, pending: 20 });
  });

  it('stays within the limits', () => {
    expect(wheelZoom(0, -10 * WHEEL_ZOOM_STEP_PX, 175).zoom).toBe(ZOOM_MAX);
    expect(wheelZoom(0, 10 * WHEEL_ZOOM_STEP_PX, 67).zoom).toBe(ZOOM_MIN);
  });
});
