import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { credentials, lobby, ticket } from './lobby-fixtures.ts';
import { applyVisitorEvent, parseVisitorEvent } from './visitor-events.ts';
import { initialWaitingRoomState, knocked } from './waiting-room-state.ts';

const waiting = knocked(initialWaitingRoomState, ticket);
const now = () => 7;

describe('visitor events', () => {
  it('ignores pushed frames it does not understand', () => {
    expect(parseVisitorEvent({ type: 'nope' })).toBeUndefined();
    expect(parseVisitorEvent({ type: 'state' })).toBeUndefined();
    expect(parseVisitorEvent({ type: 'message', text: 3 })).toBeUndefined();
    expect(parseVisitorEvent({ type: 'admitted', credentials: null })).toBeUndefined();
    expect(parseVisitorEvent(null)).toBeUndefined();
  });

  it('reads the four events the server pushes', () => {
    expect(parseVisitorEvent({ type: 'state', state: lobby('waiting') })).toBeDefined();
    expect(parseVisitorEvent({ type: 'message', text: 'Hi', from: 'S', at: 'x' })).toBeDefined();
    expect(parseVisitorEvent({ type: 'admitted', credentials })).toBeDefined();
    expect(parseVisitorEvent({ type: 'error', code: 'X', message: 'y' })).toBeDefined();
  });

  it('adds staff messages in the order they came', () => {
    const first = { type: 'message', text: 'One', from: 'Sam', at: 'a' } as const;
    const second = { ...first, text: 'Two' };
    const [once] = applyVisitorEvent(waiting, first, now);
    const [twice] = applyVisitorEvent(once, second, now);
    expect(twice.messages.map((m) => m.text)).toEqual(['One', 'Two']);
  });

  it('applies a lobby state and an admission', () => {
    const [moved] = applyVisitorEvent(waiting, { type: 'state', state: lobby('waiting') }, now);
    expect(moved.lobby?.position).toBe(1);
    const [admitted] = applyVisitorEvent(waiting, { type: 'admitted', credentials }, now);
    expect(admitted).toMatchObject({ phase: 'admitted', admittedAt: 7 });
  });

  it('keeps a pushed error for the page, with the server’s code', () => {
    const event = { type: 'error', code: 'BAD_HELLO', message: 'Say hello first' } as const;
    const [next] = applyVisitorEvent(waiting, event, now);
    expect(next.error).toBeInstanceOf(ApiError);
    expect((next.error as ApiError).message).toBe('BAD_HELLO: Say hello first');
    expect(next.phase).toBe('waiting');
  });
});
