import { RtpHeader, RtpPacket, type MediaStreamTrack, type RTCRtpReceiver } from 'werift';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEYFRAME_THROTTLE_MS, PublishedTrack } from './published-track.ts';

/** A received simulcast layer as werift reports it: its rid and its RTP subscription. */
function layer(rid: 'q' | 'h' | 'f') {
  let deliver: ((packet: RtpPacket) => void) | undefined;
  let seq = 1;
  const track = {
    rid,
    onReceiveRtp: {
      subscribe(handler: (packet: RtpPacket) => void) {
        deliver = handler;
        return { unSubscribe: () => undefined };
      },
    },
  } as unknown as MediaStreamTrack;
  const ssrc = { q: 100, h: 200, f: 300 }[rid];
  const send = () =>
    deliver?.(
      new RtpPacket(
        new RtpHeader({ sequenceNumber: seq++, payloadType: 96, ssrc }),
        Buffer.from([0x10, 0, 0]),
      ),
    );
  return { track, ssrc, send };
}

function simulcastTrack() {
  const plis: number[] = [];
  const receiver = {
    sendRtcpPLI: async (ssrc: number) => void plis.push(ssrc),
  } as unknown as RTCRtpReceiver;
  const published = new PublishedTrack('TR_video', 'video');
  const layers = { low: layer('q'), medium: layer('h'), high: layer('f') };
  for (const l of Object.values(layers)) published.attachSource(l.track, receiver);
  return { published, layers, plis };
}

afterEach(() => void vi.useRealTimers());

describe('PublishedTrack keyframe requests', () => {
  it('asks the layer itself while it is being sent', () => {
    const { published, layers, plis } = simulcastTrack();
    for (const l of Object.values(layers)) l.send();
    expect(published.requestKeyframe(2)).toBe(true);
    expect(plis).toEqual([layers.high.ssrc]);
  });

  it('asks the nearest layer being sent when the wanted one is not (not started, or paused)', () => {
    vi.useFakeTimers();
    const { published, layers, plis } = simulcastTrack();
    // The browser sends its low and medium encodings only; the high one had packets once.
    layers.high.send();
    vi.advanceTimersByTime(2_000);
    layers.low.send();
    layers.medium.send();
    expect(published.requestKeyframe(2)).toBe(true);
    expect(plis).toEqual([layers.medium.ssrc]);

    // Only the low layer is left: a waiting subscriber of the medium one gets a keyframe there.
    vi.advanceTimersByTime(2_000);
    layers.low.send();
    vi.advanceTimersByTime(KEYFRAME_THROTTLE_MS);
    expect(published.requestKeyframe(1)).toBe(true);
    expect(plis).toEqual([layers.medium.ssrc, layers.low.ssrc]);
  });

  it('keeps the throttle per layer asked', () => {
    vi.useFakeTimers();
    const { published, layers, plis } = simulcastTrack();
    layers.low.send();
    expect(published.requestKeyframe(0)).toBe(true);
    vi.advanceTimersByTime(KEYFRAME_THROTTLE_MS - 100);
    layers.low.send();
    expect(published.requestKeyframe(0)).toBe(false);
    vi.advanceTimersByTime(100);
    layers.low.send();
    expect(published.requestKeyframe(0)).toBe(true);
    expect(plis).toEqual([layers.low.ssrc, layers.low.ssrc]);
  });
});
