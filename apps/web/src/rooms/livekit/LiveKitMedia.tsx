// The call's video and sound elements for livekit-client tracks: a <video> per tile and one hidden
// <audio> per remote microphone or screen audio. The same elements and attributes as
// @livekit/components-react's VideoTrack and RoomAudioRenderer, which the call used before;
// livekit-client's attach() does the rest (adaptive stream follows the element's size).
import { useEffect, useRef } from 'react';
import type { Room } from 'livekit-client';
import { refKey, usePublishedTrack, useRemoteAudio } from './livekit-hooks.ts';
import type { TrackReference } from './livekit-tracks.ts';

/** Attaches the reference's track to the element while both exist. */
function useAttached<E extends HTMLMediaElement>(trackRef: TrackReference) {
  const element = useRef<E>(null);
  const track = usePublishedTrack(trackRef);
  useEffect(() => {
    const el = element.current;
    if (!track || !el) return;
    track.attach(el);
    return () => {
      track.detach(el);
    };
  }, [track]);
  return element;
}

/** A participant's camera or shared screen. */
export function VideoTrack({
  trackRef,
  className,
  'aria-label': label,
}: {
  trackRef: TrackReference;
  className: string;
  'aria-label': string;
}) {
  const element = useAttached<HTMLVideoElement>(trackRef);
  const { publication, participant } = trackRef;
  const size = publication.dimensions;
  const orientation = size && size.width <= size.height ? 'portrait' : 'landscape';
  return (
    <video
      ref={element}
      className={`${className} lk-participant-media-video`}
      data-lk-local-participant={participant.isLocal}
      data-lk-source={publication.source}
      data-lk-orientation={orientation}
      aria-label={label}
      muted
    />
  );
}

function AudioTrack({ trackRef }: { trackRef: TrackReference }) {
  const element = useAttached<HTMLAudioElement>(trackRef);
  return (
    <audio
      ref={element}
      className="lk-participant-media-audio"
      data-lk-local-participant={trackRef.participant.isLocal}
      data-lk-source={trackRef.publication.source}
    />
  );
}

/** Plays everyone else's sound (hidden elements). */
export function RoomAudio({ room }: { room: Room }) {
  const refs = useRemoteAudio(room);
  return (
    <div style={{ display: 'none' }}>
      {refs.map((ref) => (
        <AudioTrack key={refKey(ref)} trackRef={ref} />
      ))}
    </div>
  );
}
