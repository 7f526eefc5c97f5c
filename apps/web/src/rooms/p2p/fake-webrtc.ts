// Just enough of the browser's media and WebRTC objects for unit tests of the p2p room in Node:
// tracks, streams, getUserMedia and a peer connection whose senders record replaceTrack. Not used
// by the app itself.

let nextId = 1;

export class FakeTrack {
  readonly id = `track-${nextId++}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {}
  stop(): void {
    this.readyState = 'ended';
  }
  getSettings(): { deviceId: string } {
    return { deviceId: this.deviceId };
  }
  addEventListener(): void {}
}

export class FakeStream {
  readonly id = `stream-${nextId++}`;
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addEventListener(): void {}
}

export class FakeSender {
  constructor(public track: FakeTrack) {}
  readonly replaced: FakeTrack[] = [];
  async replaceTrack(track: FakeTrack): Promise<void> {
    this.replaced.push(track);
    this.track = track;
  }
}

export class FakePeerConnection {
  static all: FakePeerConnection[] = [];
  readonly senders: FakeSender[] = [];
  signalingState = 'stable';
  iceConnectionState = 'new';
  connectionState = 'new';
  localDescription = null;
  remoteDescription = null;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: unknown = null;
  ontrack: unknown = null;
  oniceconnectionstatechange: unknown = null;
  onconnectionstatechange: unknown = null;
  constructor() {
    FakePeerConnection.all.push(this);
  }
  createDataChannel() {
    return { readyState: 'connecting', onopen: null, onmessage: null, send() {}, close() {} };
  }
  addTrack(track: FakeTrack): FakeSender {
    const sender = new FakeSender(track);
    this.senders.push(sender);
    return sender;
  }
  removeTrack(sender: FakeSender): void {
    this.senders.splice(this.senders.indexOf(sender), 1);
  }
  restartIce(): void {}
  close(): void {}
}

/** A getUserMedia that opens fake devices and records what was asked. */
export function fakeMediaDevices() {
  const requests: MediaStreamConstraints[] = [];
  let refuse: string | undefined;
  return {
    requests,
    /** The next request fails with this DOMException name. */
    refuseNext(name: string) {
      refuse = name;
    },
    async getUserMedia(constraints: MediaStreamConstraints): Promise<FakeStream> {
      requests.push(constraints);
      if (refuse) {
        const name = refuse;
        refuse = undefined;
        throw Object.assign(new Error(name), { name });
      }
      const id = (c: unknown, fallback: string) =>
        typeof c === 'object' && c !== null && 'deviceId' in c
          ? String((c as { deviceId: { exact: string } }).deviceId.exact)
          : fallback;
      const tracks: FakeTrack[] = [];
      if (constraints.audio) tracks.push(new FakeTrack('audio', id(constraints.audio, 'mic-1')));
      if (constraints.video) tracks.push(new FakeTrack('video', id(constraints.video, 'cam-1')));
      return new FakeStream(tracks);
    },
  };
}
