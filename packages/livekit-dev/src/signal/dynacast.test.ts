import { VideoQuality, type SubscribedQualityUpdate } from '@livekit/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_LAYER } from '../sfu/layers.ts';
import { Dynacast } from './dynacast.ts';

const enabled = (update: SubscribedQualityUpdate | undefined) =>
  update?.subscribedCodecs[0]?.qualities.filter((q) => q.enabled).map((q) => q.quality);

describe('Dynacast', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pauses layers nobody watches after the pause delay, and resumes them at once', () => {
    const sent: SubscribedQualityUpdate[] = [];
    const dynacast = new Dynacast((update) => sent.push(update), 5000);
    dynacast.update('TR_cam', 'video/VP8', VideoQuality.LOW);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(4999);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(enabled(sent[0])).toEqual([VideoQuality.LOW]);
    expect(sent[0]?.subscribedCodecs[0]?.codec).toBe('vp8');
    dynacast.update('TR_cam', 'video/VP8', VideoQuality.MEDIUM);
    expect(enabled(sent[1])).toEqual([VideoQuality.LOW, VideoQuality.MEDIUM]);
    dynacast.update('TR_cam', 'video/VP8', NO_LAYER);
    vi.advanceTimersByTime(5000);
    expect(enabled(sent[2])).toEqual([]);
    dynacast.close();
  });

  it('drops a downgrade that is taken back within the delay', () => {
    const sent: SubscribedQualityUpdate[] = [];
    const dynacast = new Dynacast((update) => sent.push(update), 5000);
    dynacast.update('TR_cam', 'video/H264', NO_LAYER);
    vi.advanceTimersByTime(2000);
    dynacast.update('TR_cam', 'video/H264', VideoQuality.HIGH);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(0);
    dynacast.close();
  });
});

describe('Dynacast after an unpublish', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('drops a pending pause and ignores demand that arrives for the track afterwards', () => {
    const sent: SubscribedQualityUpdate[] = [];
    const dynacast = new Dynacast((update) => sent.push(update), 5000);
    dynacast.update('TR_cam', 'video/VP8', VideoQuality.LOW);
    dynacast.remove('TR_cam');
    vi.advanceTimersByTime(10_000);
    // Its subscribers closing report "nobody watches": nothing goes to the publisher.
    dynacast.update('TR_cam', 'video/VP8', NO_LAYER);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([]);
    // Another track of the same publisher still works.
    dynacast.update('TR_screen', 'video/VP8', VideoQuality.LOW);
    vi.advanceTimersByTime(5000);
    expect(sent.map((u) => u.trackSid)).toEqual(['TR_screen']);
    dynacast.close();
  });
});
