import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomDataMessage } from '../room-types.ts';
import { createRoomSession } from './room-session.ts';
import { loadMessages } from '../../i18n/t.ts';

// The module under test speaks with the call part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('call'));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const sent: RoomDataMessage[] = [];
  const names: Record<string, string> = { me: 'Sam', ann: 'Ann' };
  const session = createRoomSession({
    send: (m) => sent.push(m),
    selfIdentity: () => 'me',
    nameOf: (id) => names[id] ?? id,
    reactionMs: 1000,
  });
  return { session, sent, state: () => session.store.get() };
}

describe('room session', () => {
  it('sends a reaction to the others and floats it on your own tile for a while', () => {
    const { session, sent, state } = setup();
    session.sendReaction('👍');
    expect(sent).toEqual([{ type: 'reaction', emoji: '👍' }]);
    expect(state().reactions).toMatchObject([{ identity: 'me', emoji: '👍' }]);
    vi.advanceTimersByTime(1000);
    expect(state().reactions).toEqual([]);
  });

  it('floats a received reaction on the sender and announces it', () => {
    const { session, state } = setup();
    session.receive('ann', { type: 'reaction', emoji: '👋' });
    expect(state().reactions).toMatchObject([{ identity: 'ann', emoji: '👋' }]);
    expect(state().announcement).toBe('Ann reacted 👋');
  });

  it('ignores reactions that are not offered', () => {
    const { session, sent, state } = setup();
    session.sendReaction('💣');
    session.receive('ann', { type: 'reaction', emoji: '💣' });
    expect(sent).toEqual([]);
    expect(state().reactions).toEqual([]);
  });

  it('keeps chat in order, counts unread while the panel is closed and clears on open', () => {
    const { session, sent, state } = setup();
    expect(session.sendChat('  ')).toBe(false);
    expect(session.sendChat('Hello')).toBe(true);
    session.receive('ann', { type: 'chat', text: 'Hi Sam' });
    expect(sent).toEqual([{ type: 'chat', text: 'Hello' }]);
    expect(state().chat.map((m) => [m.name, m.text, m.mine])).toEqual([
      ['Sam', 'Hello', true],
      ['Ann', 'Hi Sam', false],
    ]);
    expect(state().unread).toBe(1);
    session.setChatOpen(true);
    expect(state().unread).toBe(0);
    session.receive('ann', { type: 'chat', text: 'Still there?' });
    expect(state().unread).toBe(0);
  });

  it('tells everyone once when recording starts and when it stops', () => {
    const { session, state } = setup();
    session.setRecording(true);
    expect(state()).toMatchObject({ recording: true, recordingNotice: true });
    expect(state().announcement).toBe('This visit is now being recorded.');
    session.dismissRecordingNotice();
    session.setRecording(true);
    expect(state().recordingNotice).toBe(false);
    session.setRecording(false);
    expect(state().announcement).toBe('Recording stopped.');
  });
});
