// The local participant's media in a p2p room: camera and microphone, their on/off state, and
// the screen share. Knows nothing of peers; P2PRoom publishes what this holds.
import type { P2PPeerMessage } from '@openconnect/contracts';

/** A camera or microphone, in the terms of `MediaDeviceInfo.kind`. */
export type InputKind = 'audioinput' | 'videoinput';

export interface MediaWanted {
  audio?: boolean | MediaTrackConstraints;
  video?: boolean | MediaTrackConstraints;
}

export class LocalMedia {
  camera: MediaStream | null = null;
  screen: MediaStream | null = null;
  private micOn = true;
  private cameraOn = true;
  /** Audio only: the camera is neither shown nor sent (P2PRoom stops its senders). */
  audioOnly = false;

  /** Opens camera and microphone; throws when the browser refuses (the room goes on without). */
  async capture(wanted: MediaWanted = {}): Promise<void> {
    const constraints = { audio: wanted.audio ?? true, video: wanted.video ?? true };
    if (!constraints.audio && !constraints.video) return;
    if (!navigator.mediaDevices) {
      throw new Error('media devices need a secure context (https or localhost)');
    }
    this.camera = await navigator.mediaDevices.getUserMedia(constraints);
  }

  get micEnabled(): boolean {
    return this.micOn && (this.camera?.getAudioTracks().length ?? 0) > 0;
  }

  get cameraEnabled(): boolean {
    return this.cameraOn && !this.audioOnly && (this.camera?.getVideoTracks().length ?? 0) > 0;
  }

  /** The camera's track, whether or not it is sent. */
  get cameraTrack(): MediaStreamTrack | null {
    return this.trackOf('videoinput');
  }

  /** Turns audio only on or off: the camera track is disabled while on, as it is not sent. */
  setAudioOnly(on: boolean): void {
    this.audioOnly = on;
    for (const track of this.camera?.getVideoTracks() ?? []) track.enabled = this.cameraOn && !on;
  }

  /** Mutes or unmutes the microphone (the track keeps flowing as silence). */
  setMicrophoneEnabled(enabled: boolean): void {
    this.micOn = enabled;
    for (const track of this.camera?.getAudioTracks() ?? []) track.enabled = enabled;
  }

  /** Turns the camera picture off or on (the track keeps flowing as black frames). */
  setCameraEnabled(enabled: boolean): void {
    this.cameraOn = enabled;
    for (const track of this.camera?.getVideoTracks() ?? [])
      track.enabled = enabled && !this.audioOnly;
  }

  /** The device id of the camera or microphone in use, or null when there is none. */
  deviceId(kind: InputKind): string | null {
    const track = this.trackOf(kind);
    return track?.getSettings().deviceId ?? null;
  }

  /**
   * Opens another camera or microphone and puts its track in place of the old one, keeping the
   * mute state. Returns both tracks: the caller sends the new one to peers, then calls `stop()` on
   * the old one. The old track keeps running until then, so peers never get a gap.
   */
  async replaceDevice(
    kind: InputKind,
    deviceId: string,
  ): Promise<{ previous: MediaStreamTrack | null; next: MediaStreamTrack }> {
    if (!navigator.mediaDevices) {
      throw new Error('media devices need a secure context (https or localhost)');
    }
    const media = kind === 'audioinput' ? 'audio' : 'video';
    const fresh = await navigator.mediaDevices.getUserMedia({
      [media]: { deviceId: { exact: deviceId } },
    });
    const next = fresh.getTracks()[0];
    if (!next) throw new Error(`the ${media} device gave no track`);
    next.enabled = kind === 'audioinput' ? this.micOn : this.cameraOn && !this.audioOnly;
    const previous = this.trackOf(kind);
    const kept = this.camera?.getTracks().filter((t) => t !== previous) ?? [];
    // A new stream object, so the local tile shows the change; peers keep theirs (replaceTrack).
    this.camera = new MediaStream([...kept, next]);
    return { previous, next };
  }

  private trackOf(kind: InputKind): MediaStreamTrack | null {
    const tracks =
      kind === 'audioinput' ? this.camera?.getAudioTracks() : this.camera?.getVideoTracks();
    return tracks?.[0] ?? null;
  }

  /** Asks the user what to share; resolves with the new stream, or null if nothing was shared. */
  async startScreenShare(onEnded: () => void): Promise<MediaStream | null> {
    if (this.screen) return null;
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) {
      stream.getTracks().forEach((t) => t.stop());
      return null;
    }
    track.contentHint = 'detail';
    track.addEventListener('ended', onEnded);
    this.screen = stream;
    return stream;
  }

  /** Stops the screen share; returns the stream that was shared, to unpublish. */
  stopScreenShare(): MediaStream | null {
    const stream = this.screen;
    this.screen = null;
    stream?.getTracks().forEach((t) => t.stop());
    return stream;
  }

  /** Every track to send to a peer, with the stream it belongs to. */
  publications(): Array<{ track: MediaStreamTrack; stream: MediaStream }> {
    const out: Array<{ track: MediaStreamTrack; stream: MediaStream }> = [];
    for (const stream of [this.camera, this.screen]) {
      for (const track of stream?.getTracks() ?? []) if (stream) out.push({ track, stream });
    }
    return out;
  }

  /** What peers are told about our media. */
  state(): Extract<P2PPeerMessage, { type: 'media-state' }> {
    return {
      type: 'media-state',
      micEnabled: this.micOn,
      cameraEnabled: this.cameraOn,
      screenStreamId: this.screen?.id ?? null,
      audioOnly: this.audioOnly,
    };
  }

  /** Stops every local track (leaving the room). */
  stop(): void {
    this.camera?.getTracks().forEach((t) => t.stop());
    this.stopScreenShare();
  }
}
