import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackSettings } from '../sfu/layers.ts';
import { SETTINGS_DEBOUNCE_MS, SubscriberSettings } from './track-settings.ts';

describe('SubscriberSettings', () => {
  let applied: [string, TrackSettings][];
  let settings: SubscriberSettings;
  beforeEach(() => {
    vi.useFakeTimers();
    applied = [];
    settings = new SubscriberSettings((sid, s) => applied.push([sid, s]));
  });
  afterEach(() => {
    settings.close();
    vi.useRealTimers();
  });

  it("applies an adaptive-stream client's new tile once it is measured, never its brief disabled", () => {
    // What livekit-client sends for a video element it has just attached.
    settings.update('TR_a', { disabled: true, quality: 2, width: 0, height: 0 });
    vi.advanceTimersByTime(20);
    settings.update('TR_a', { disabled: false, quality: 2, width: 0, height: 0 });
    // Visible again: at once.
    expect(applied).toEqual([['TR_a', { disabled: false, quality: 2, width: 0, height: 0 }]]);
    vi.advanceTimersByTime(60);
    settings.update('TR_a', { disabled: false, quality: 0, width: 640, height: 360 });
    vi.advanceTimersByTime(SETTINGS_DEBOUNCE_MS - 1);
    expect(applied).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(applied.at(-1)).toEqual([
      'TR_a',
      { disabled: false, quality: 0, width: 640, height: 360 },
    ]);
    vi.advanceTimersByTime(1000);
    expect(applied.map(([, s]) => s.disabled)).not.toContain(true);
  });

  it('applies the last of a burst of changes once, and ignores repeats', () => {
    for (const height of [180, 270, 360, 540])
      settings.update('TR_a', { disabled: false, quality: 0, width: (height * 16) / 9, height });
    settings.update('TR_b', { disabled: false, quality: 1, width: 0, height: 0 });
    vi.advanceTimersByTime(SETTINGS_DEBOUNCE_MS);
    expect(applied.map(([sid, s]) => [sid, s.height])).toEqual([
      ['TR_a', 540],
      ['TR_b', 0],
    ]);
    settings.update('TR_a', { disabled: false, quality: 0, width: 960, height: 540 });
    vi.advanceTimersByTime(SETTINGS_DEBOUNCE_MS);
    expect(applied).toHaveLength(2);
  });

  it('hides a tile after the quiet period, and applies nothing once closed', () => {
    settings.update('TR_a', { disabled: false, quality: 2 });
    vi.advanceTimersByTime(SETTINGS_DEBOUNCE_MS);
    settings.update('TR_a', { disabled: true, quality: 2 });
    expect(applied).toHaveLength(1);
    vi.advanceTimersByTime(SETTINGS_DEBOUNCE_MS);
    expect(applied.at(-1)?.[1].disabled).toBe(true);
    settings.update('TR_a', { disabled: true, quality: 0, width: 10, height: 10 });
    settings.close();
    vi.advanceTimersByTime(SETTINGS_DEBOUNCE_MS);
    expect(applied).toHaveLength(2);
    expect(settings.get('TR_a')?.width).toBe(10);
  });
});
