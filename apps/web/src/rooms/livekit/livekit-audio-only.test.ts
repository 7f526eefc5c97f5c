import { describe, expect, it, vi } from 'vitest';
import { RoomEvent, Track, type Room } from 'livekit-client';
import { decodeMediaState, LiveKitAudioOnly, MEDIA_TOPIC } from './livekit-audio-only.ts';

type Listener = (...args: unknown[]) => void;

/** The parts of a Room audio only uses: participants' publications, the local camera, data. */
function fakeRoom() {
  const listeners = new Map<string, Set<Listener>>();
  const publication = (source: Track.Source) => ({ source, setSubscribed: vi.fn() });
  const camera = publication(Track.Source.Camera);
  const microphone = publication(Track.Source.Microphone);
  const screen = publication(Track.Source.ScreenShare);
  const room = {
    remoteParticipants: new Map([
      [
        'host',
        {
          identity: 'host',
          trackPublications: new Map([
            ['c', camera],
            ['m', microphone],
            ['s', screen],
          ]),
        },
      ],
    ]),
    localParticipant: {
      setCameraEnabled: vi.fn(async (_on: boolean) => undefined),
      publishData: vi.fn(async (_data: Uint8Array, _options: unknown) => undefined),
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return room;
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return room;
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
  return { room, asRoom: room as unknown as Room, camera, microphone, screen };
}

const sent = (room: ReturnType<typeof fakeRoom>['room'], call = 0) => {
  const [data, options] = room.localParticipant.publishData.mock.calls[call]!;
  return { message: JSON.parse(new TextDecoder().decode(data)) as unknown, options };
};

describe('audio only on LiveKit', () => {
  it('turns the camera off, unsubscribes from remote cameras only, and tells the others', async () => {
    const { room, asRoom, camera, microphone, screen } = fakeRoom();
    const audioOnly = new LiveKitAudioOnly(false);
    audioOnly.attach(asRoom);
    await audioOnly.set(asRoom, true);
    expect(camera.setSubscribed).toHaveBeenLastCalledWith(false);
    expect(microphone.setSubscribed).not.toHaveBeenCalled();
    expect(screen.setSubscribed).not.toHaveBeenCalled();
    expect(room.localParticipant.setCameraEnabled).toHaveBeenLastCalledWith(false);
    expect(sent(room)).toEqual({
      message: { audioOnly: true },
      options: { reliable: true, topic: MEDIA_TOPIC, destinationIdentities: undefined },
    });

    await audioOnly.set(asRoom, false);
    expect(camera.setSubscribed).toHaveBeenLastCalledWith(true);
    expect(room.localParticipant.setCameraEnabled).toHaveBeenLastCalledWith(true);
    expect(sent(room, 1).message).toEqual({ audioOnly: false });
  });

  it('keeps cameras published or subscribed later unsubscribed, and tells newcomers', () => {
    const { room, asRoom, camera, microphone } = fakeRoom();
    const audioOnly = new LiveKitAudioOnly(true);
    audioOnly.attach(asRoom);
    room.emit(RoomEvent.Connected);
    expect(camera.setSubscribed).toHaveBeenLastCalledWith(false);
    camera.setSubscribed.mockClear();
    room.emit(RoomEvent.TrackSubscribed, {}, camera, {});
    room.emit(RoomEvent.TrackPublished, microphone, {});
    expect(camera.setSubscribed).toHaveBeenCalledWith(false);
    expect(microphone.setSubscribed).not.toHaveBeenCalled();
    room.emit(RoomEvent.ParticipantConnected, { identity: 'interpreter' });
    expect(sent(room, 1).options).toMatchObject({ destinationIdentities: ['interpreter'] });
  });

  it('keeps who else is in audio only from their messages, until they leave', () => {
    const { room, asRoom } = fakeRoom();
    const audioOnly = new LiveKitAudioOnly(false);
    const stop = audioOnly.attach(asRoom);
    const say = (value: unknown, topic = MEDIA_TOPIC) =>
      room.emit(
        RoomEvent.DataReceived,
        new TextEncoder().encode(JSON.stringify(value)),
        { identity: 'host' },
        undefined,
        topic,
      );
    say({ audioOnly: true });
    expect(audioOnly.store.get().peers).toEqual(['host']);
    say({ audioOnly: false }, 'openconnect');
    say({ audioOnly: 'yes' });
    expect(audioOnly.store.get().peers).toEqual(['host']);
    room.emit(RoomEvent.ParticipantDisconnected, { identity: 'host' });
    expect(audioOnly.store.get().peers).toEqual([]);
    stop();
    expect(room.listenerCount()).toBe(0);
  });

  it('reads only small, well-formed media states', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(decodeMediaState(encode('{"audioOnly":true}'))).toEqual({ audioOnly: true });
    expect(decodeMediaState(encode('not json'))).toBeUndefined();
    expect(decodeMediaState(encode('null'))).toBeUndefined();
    expect(decodeMediaState(new Uint8Array(1024))).toBeUndefined();
  });
});
