// What this browser knows about one remote participant of a p2p room: who they are, the streams
// that arrived from them, their announced media state, and the state of the link to them.
import type { P2PPeer, P2PPeerMessage } from '@openconnect/contracts';
import type { MediaLinkState, RoomParticipant } from '../room-types.ts';
import type { PeerLink } from './peer-link.ts';

type MediaState = Extract<P2PPeerMessage, { type: 'media-state' }>;

export class RemotePeer {
  private readonly streams = new Map<string, MediaStream>();
  private media: Omit<MediaState, 'type'> = {
    micEnabled: true,
    cameraEnabled: true,
    screenStreamId: null,
    audioOnly: false,
  };
  linkState: MediaLinkState = 'connecting';

  constructor(
    readonly peer: P2PPeer,
    readonly link: PeerLink,
  ) {}

  addStream(stream: MediaStream): void {
    this.streams.set(stream.id, stream);
  }

  setMediaState(state: MediaState): void {
    this.media = {
      micEnabled: state.micEnabled,
      cameraEnabled: state.cameraEnabled,
      screenStreamId: state.screenStreamId,
      audioOnly: state.audioOnly ?? false,
    };
  }

  /** Whether this participant asked to receive no camera (audio only). */
  get audioOnly(): boolean {
    return this.media.audioOnly === true;
  }

  /** The participant as the UI sees it, as a fresh value. */
  toParticipant(): RoomParticipant {
    const screenId = this.media.screenStreamId;
    let stream: MediaStream | null = null;
    for (const [id, candidate] of this.streams) {
      if (id !== screenId) {
        stream = candidate;
        break;
      }
    }
    return {
      identity: this.peer.identity,
      displayName: this.peer.name,
      role: this.peer.role,
      isLocal: false,
      micEnabled: this.media.micEnabled,
      cameraEnabled: this.media.cameraEnabled,
      audioOnly: this.audioOnly,
      stream,
      screenStream: screenId ? (this.streams.get(screenId) ?? null) : null,
      link: this.linkState,
    };
  }
}
