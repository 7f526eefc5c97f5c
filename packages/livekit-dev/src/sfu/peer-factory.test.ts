import { describe, expect, it } from 'vitest';
import { sendAsNegotiated } from './down-track.ts';
import { createSfuPeerConnection, pickCodecs } from './peer-factory.ts';

describe('the codecs a subscriber is offered for a track', () => {
  const pc = createSfuPeerConnection();
  const audio = pc.config.codecs.audio ?? [];
  const video = pc.config.codecs.video ?? [];
  const names = (codecs: typeof audio) => codecs.map((c) => c.mimeType.toLowerCase());

  it('numbers RED so that its redundant encoding is the Opus of the same section', () => {
    const red = audio.find((c) => c.mimeType === 'audio/red');
    const opus = audio.find((c) => c.mimeType === 'audio/opus');
    expect(red?.parameters).toBe(`${opus?.payloadType}/${opus?.payloadType}`);
  });

  it('offers RED with its Opus for a track published as RED, RED first', () => {
    expect(names(pickCodecs(audio, 'audio/red'))).toEqual(['audio/red', 'audio/opus']);
  });

  it('offers Opus alone for a track published as Opus, or of unknown codec', () => {
    expect(names(pickCodecs(audio, 'audio/opus'))).toEqual(['audio/opus']);
    expect(names(pickCodecs(audio, undefined))).toEqual(['audio/opus']);
  });

  it('offers no RED without the Opus it carries', () => {
    const redOnly = audio.filter((c) => c.mimeType === 'audio/red');
    expect(pickCodecs(redOnly, 'audio/red')).toEqual(redOnly);
    expect(names(pickCodecs(audio.slice().reverse(), 'audio/red'))).toEqual([
      'audio/red',
      'audio/opus',
    ]);
  });

  it('prefers the H.264 profile and packetization mode the publisher sends', () => {
    const picked = pickCodecs(
      video,
      'video/H264',
      'packetization-mode=1;profile-level-id=42e01f;level-asymmetry-allowed=1',
    );
    expect(names(picked)).toEqual(['video/h264']);
    expect(names(pickCodecs(video, 'video/AV1'))).toEqual(['video/vp8']);
  });
});

describe("werift's RED wrapping on a subscriber's sender", () => {
  it('stays on when the sender sends RED', () => {
    const sender = { codec: { mimeType: 'audio/red' }, redRedundantPayloadType: 111 };
    sendAsNegotiated(sender);
    expect(sender.redRedundantPayloadType).toBe(111);
  });

  it('is turned off when the sender sends Opus though RED was negotiated too', () => {
    const sender: { codec: { mimeType: string }; redRedundantPayloadType?: number } = {
      codec: { mimeType: 'audio/opus' },
      redRedundantPayloadType: 111,
    };
    sendAsNegotiated(sender);
    expect(sender.redRedundantPayloadType).toBeUndefined();
  });
});
