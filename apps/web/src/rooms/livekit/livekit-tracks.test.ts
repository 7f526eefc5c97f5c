import { expect, it } from 'vitest';
import { Track, type Room } from 'livekit-client';
import {
  isMuted,
  isTrackReference,
  remoteAudioReferences,
  tileReferences,
  type TrackReferenceOrPlaceholder,
} from './livekit-tracks.ts';

interface FakePublication {
  source: Track.Source;
  kind: Track.Kind;
  trackSid: string;
  isMuted: boolean;
  track?: { source: Track.Source };
}

function person(identity: string, isLocal: boolean, publications: FakePublication[]) {
  const trackPublications = new Map(publications.map((p) => [p.trackSid, p]));
  return {
    identity,
    isLocal,
    trackPublications,
    getTrackPublication: (source: Track.Source) => publications.find((p) => p.source === source),
  };
}

const publication = (
  sid: string,
  source: Track.Source,
  { subscribed = true, muted = false } = {},
): FakePublication => ({
  source,
  kind:
    source === Track.Source.Microphone || source === Track.Source.ScreenShareAudio
      ? Track.Kind.Audio
      : Track.Kind.Video,
  trackSid: sid,
  isMuted: muted,
  track: subscribed ? { source } : undefined,
});

/** Just the parts of a Room the functions read: who is in it and what they publish. */
function room(local: ReturnType<typeof person>, ...remotes: ReturnType<typeof person>[]): Room {
  return {
    localParticipant: local,
    remoteParticipants: new Map(remotes.map((r) => [r.identity, r])),
  } as unknown as Room;
}

const describeRef = (ref: TrackReferenceOrPlaceholder) =>
  `${ref.participant.identity}:${ref.source}:${ref.publication?.trackSid ?? 'placeholder'}`;

it('lists cameras and screens by participant, this page first, subscribed or not, placeholders last', () => {
  const me = person('me', true, [
    publication('m-mic', Track.Source.Microphone),
    publication('m-cam', Track.Source.Camera),
  ]);
  const sharer = person('sharer', false, [
    publication('s-screen', Track.Source.ScreenShare),
    publication('s-cam', Track.Source.Camera, { subscribed: false }),
  ]);
  const listener = person('listener', false, [publication('l-mic', Track.Source.Microphone)]);
  expect(tileReferences(room(me, sharer, listener)).map(describeRef)).toEqual([
    'me:camera:m-cam',
    'sharer:camera:s-cam',
    'sharer:screen_share:s-screen',
    'listener:camera:placeholder',
  ]);
});

it('gives a placeholder to someone who publishes nothing, this page included', () => {
  const refs = tileReferences(room(person('me', true, []), person('quiet', false, [])));
  expect(refs.map(describeRef)).toEqual(['me:camera:placeholder', 'quiet:camera:placeholder']);
  expect(refs.some(isTrackReference)).toBe(false);
});

it('plays the others’ subscribed microphones and screen audio, never this page’s own', () => {
  const me = person('me', true, [publication('m-mic', Track.Source.Microphone)]);
  const other = person('other', false, [
    publication('o-mic', Track.Source.Microphone),
    publication('o-screen-audio', Track.Source.ScreenShareAudio),
    publication('o-cam', Track.Source.Camera),
  ]);
  const late = person('late', false, [
    publication('l-mic', Track.Source.Microphone, { subscribed: false }),
  ]);
  expect(remoteAudioReferences(room(me, other, late)).map(describeRef)).toEqual([
    'other:microphone:o-mic',
    'other:screen_share_audio:o-screen-audio',
  ]);
});

it('counts a track as muted when it is muted or not published at all', () => {
  const speaker = person('speaker', false, [
    publication('mic', Track.Source.Microphone),
    publication('cam', Track.Source.Camera, { muted: true }),
  ]);
  const [camera] = tileReferences(room(person('me', true, []), speaker)).filter(
    (ref) => ref.participant.identity === 'speaker',
  );
  expect(isMuted(camera!)).toBe(true);
  expect(isMuted({ participant: speaker as never, source: Track.Source.Microphone })).toBe(false);
  expect(isMuted({ participant: speaker as never, source: Track.Source.ScreenShare })).toBe(true);
});
