// The room registry's semantics: LiveKit's timeouts, participant limit, duplicate identities,
// and the events every other part of the server relies on.
import { DisconnectReason, TrackType } from '@livekit/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomError } from './errors.ts';
import { RoomRegistry } from './registry.ts';

let registry: RoomRegistry;

beforeEach(() => {
  vi.useFakeTimers();
  registry = new RoomRegistry();
});

afterEach(() => {
  registry.close();
  vi.useRealTimers();
});

describe('RoomRegistry', () => {
  it('closes a room nobody joined once emptyTimeout has passed', () => {
    registry.createRoom({ name: 'r', emptyTimeout: 10 });
    vi.advanceTimersByTime(9_999);
    expect(registry.getRoom('r')).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(registry.getRoom('r')).toBeUndefined();
  });

  it('keeps a room open while someone is in it, and closes it departureTimeout after the last one left', () => {
    const deleted = vi.fn();
    registry.on('roomDeleted', deleted);
    registry.createRoom({ name: 'r', emptyTimeout: 5, departureTimeout: 20 });
    registry.joinParticipant('r', { identity: 'a' });
    vi.advanceTimersByTime(60_000);
    expect(registry.getRoom('r')).toBeDefined();
    registry.leaveParticipant('r', 'a');
    vi.advanceTimersByTime(19_999);
    expect(registry.getRoom('r')).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(deleted).toHaveBeenCalledWith(expect.objectContaining({ cause: 'departure_timeout' }));
  });

  it('cancels the departure timer when someone rejoins in time', () => {
    registry.createRoom({ name: 'r', departureTimeout: 20 });
    registry.joinParticipant('r', { identity: 'a' });
    registry.leaveParticipant('r', 'a');
    vi.advanceTimersByTime(10_000);
    registry.joinParticipant('r', { identity: 'a' });
    vi.advanceTimersByTime(60_000);
    expect(registry.getRoom('r')?.numParticipants).toBe(1);
  });

  it('refuses a join beyond maxParticipants, but lets a duplicate identity replace its older self', () => {
    registry.createRoom({ name: 'r', maxParticipants: 1 });
    const first = registry.joinParticipant('r', { identity: 'a' });
    expect(() => registry.joinParticipant('r', { identity: 'b' })).toThrow(RoomError);
    const removed = vi.fn();
    registry.on('participantRemoved', removed);
    const second = registry.joinParticipant('r', { identity: 'a' });
    expect(second.sid).not.toBe(first.sid);
    expect(removed).toHaveBeenCalledWith(
      expect.objectContaining({ reason: DisconnectReason.DUPLICATE_IDENTITY }),
    );
  });

  it('creates a room on join when auto-create is on, and refuses when it is off', () => {
    expect(registry.ensureRoom('auto').name).toBe('auto');
    const strict = new RoomRegistry({ autoCreate: false });
    expect(() => strict.ensureRoom('nope')).toThrow(/auto-create is off/);
    strict.close();
  });

  it('counts publishers, bumps the participant version, and unpublishes tracks of a leaving participant', () => {
    registry.createRoom({ name: 'r' });
    const joined = registry.joinParticipant('r', { identity: 'a' });
    registry.publishTrack('r', 'a', { type: TrackType.AUDIO });
    expect(registry.getRoom('r')?.numPublishers).toBe(1);
    expect(registry.getParticipant('r', 'a').version).toBeGreaterThan(joined.version);
    const unpublished = vi.fn();
    registry.on('trackUnpublished', unpublished);
    registry.leaveParticipant('r', 'a');
    expect(unpublished).toHaveBeenCalledTimes(1);
    expect(registry.getRoom('r')?.numPublishers).toBe(0);
  });

  it('reports participants as left, then the room as deleted, when a room is deleted', () => {
    registry.createRoom({ name: 'r' });
    registry.joinParticipant('r', { identity: 'a' });
    const order: string[] = [];
    registry.on('participantLeft', (e) =>
      order.push(`left:${e.participant.identity}:${DisconnectReason[e.reason]}`),
    );
    registry.on('roomDeleted', (e) => order.push(`deleted:${e.cause}`));
    registry.deleteRoom('r');
    expect(order).toEqual(['left:a:ROOM_DELETED', 'deleted:deleted']);
  });

  it('merges attributes and deletes those set to an empty string', () => {
    registry.createRoom({ name: 'r' });
    registry.joinParticipant('r', { identity: 'a', attributes: { keep: '1', drop: '2' } });
    const updated = registry.updateParticipant('r', 'a', { attributes: { drop: '', add: '3' } });
    expect(updated.attributes).toEqual({ keep: '1', add: '3' });
  });

  it('hands out snapshots that later changes do not alter', () => {
    registry.createRoom({ name: 'r', metadata: 'v1' });
    const before = registry.getRoom('r');
    registry.updateRoomMetadata('r', 'v2');
    expect(before?.metadata).toBe('v1');
  });
});
