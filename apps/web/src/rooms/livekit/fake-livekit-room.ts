// Just enough of livekit-client's Room for unit tests of LiveKitCall in Node: it records what the
// call asked of it (options, prepareConnection, connect, published data) and lets a test emit the
// RoomEvents a server would cause. Built from the real module's enums, so event names and reasons
// are livekit-client's own. Not used by the app itself. A test installs it with
// vi.mock('livekit-client', factory), the factory importing this module and returning
// fakeLiveKit(await original()).
import { vi } from 'vitest';
import type * as LiveKit from 'livekit-client';

type Listener = (...args: unknown[]) => void;

/** What a test sees of a fake Room. */
export interface FakeRoom {
  readonly options: LiveKit.RoomOptions;
  state: LiveKit.ConnectionState;
  isRecording: boolean;
  readonly remoteParticipants: Map<string, { identity: string; name?: string }>;
  readonly localParticipant: {
    enableCameraAndMicrophone: ReturnType<typeof vi.fn<() => Promise<void>>>;
    publishData: ReturnType<
      typeof vi.fn<(data: Uint8Array, options: LiveKit.DataPublishOptions) => Promise<void>>
    >;
  };
  /** Every connect(url, token) call. */
  readonly connects: Array<[url: string, token: string]>;
  /** Every prepareConnection(url, token) call, and whether connect() had been called by then. */
  readonly prepared: Array<[url: string, token: string | undefined, connected: boolean]>;
  disconnect(): Promise<void>;
  /** The server accepted the pending connect(). */
  acceptConnect(): void;
  /** The pending connect() failed after livekit-client's own retries. */
  refuseConnect(error: Error): void;
  /** Emits a RoomEvent as livekit-client would. */
  emit(event: LiveKit.RoomEvent, ...args: unknown[]): void;
  /** How many listeners the call has on the room. */
  listenerCount(): number;
}

/** Every Room constructed since the last reset, oldest first. */
export const fakeRooms: FakeRoom[] = [];

/** livekit-client with Room replaced by the fake; everything else is the real module. */
// Long by listing: one fake per Room method and event the LiveKit call uses.
export function fakeLiveKit(actual: typeof LiveKit): typeof LiveKit {
  // The class is declared in here, past the usual length of a function, because it needs the
  // real enums and may not import livekit-client itself: under vi.mock that import is this fake.
  const { ConnectionState, DisconnectReason, RoomEvent } = actual;

  class Room implements FakeRoom {
    state = ConnectionState.Disconnected;
    isRecording = false;
    readonly remoteParticipants = new Map<string, { identity: string; name?: string }>();
    readonly localParticipant = {
      enableCameraAndMicrophone: vi.fn(async () => undefined),
      publishData: vi.fn(async (_data: Uint8Array, _options: LiveKit.DataPublishOptions) => {}),
    };
    readonly connects: Array<[string, string]> = [];
    readonly prepared: Array<[string, string | undefined, boolean]> = [];
    private readonly listeners = new Map<string, Set<Listener>>();
    private pending: { resolve(): void; reject(error: Error): void } | undefined;

    constructor(readonly options: LiveKit.RoomOptions) {
      fakeRooms.push(this);
    }

    on(event: string, listener: Listener): this {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      this.listeners.get(event)!.add(listener);
      return this;
    }

    off(event: string, listener: Listener): this {
      this.listeners.get(event)?.delete(listener);
      return this;
    }

    emit(event: string, ...args: unknown[]): void {
      for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
    }

    listenerCount(): number {
      return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
    }

    async prepareConnection(url: string, token?: string): Promise<void> {
      this.prepared.push([url, token, this.connects.length > 0]);
    }

    connect(url: string, token: string): Promise<void> {
      this.connects.push([url, token]);
      this.setState(ConnectionState.Connecting);
      return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
    }

    acceptConnect(): void {
      this.setState(ConnectionState.Connected);
      this.pending?.resolve();
    }

    refuseConnect(error: Error): void {
      this.setState(ConnectionState.Disconnected);
      this.pending?.reject(error);
    }

    async disconnect(): Promise<void> {
      if (this.state === ConnectionState.Disconnected) return;
      // livekit-client's order: the state first, then Disconnected with the reason.
      this.setState(ConnectionState.Disconnected);
      this.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED);
    }

    private setState(state: LiveKit.ConnectionState): void {
      if (this.state === state) return;
      this.state = state;
      this.emit(RoomEvent.ConnectionStateChanged, state);
    }
  }

  // The fake covers only what LiveKitCall uses; the cast says so instead of copying Room's surface.
  return { ...actual, Room: Room as unknown as typeof LiveKit.Room };
}
