import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomDataMessage } from '../room-types.ts';
import { createChatHistory } from './chat-history.ts';
import { createRoomSession } from './room-session.ts';
import { memoryStorage } from '../../lobby/ticket-storage.ts';
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

  it('clears "Recording stopped." and chat copies from the live region after a while', () => {
    const { session, state } = setup();
    session.setRecording(true);
    session.setRecording(false);
    expect(state().announcement).toBe('Recording stopped.');
    vi.advanceTimersByTime(8000);
    expect(state().announcement).toBe('');
    session.receive('ann', { type: 'chat', text: 'Hi' });
    expect(state().announcement).toBe('Ann: Hi');
    vi.advanceTimersByTime(8000);
    expect(state().announcement).toBe('');
  });

  it('keeps the chat of a visit across a reload of the tab, until forgotten', () => {
    const storage = memoryStorage();
    const open = () =>
      createRoomSession({
        send: () => undefined,
        selfIdentity: () => 'me',
        nameOf: (id) => (id === 'me' ? 'Sam' : 'Ann'),
        roomId: 'visit-1',
        history: createChatHistory('visit-1', storage),
      });
    const first = open();
    first.sendChat('Hello');
    first.receive('ann', { type: 'chat', text: 'Hi Sam' });
    const reloaded = open();
    expect(reloaded.store.get().chat.map((m) => [m.text, m.mine])).toEqual([
      ['Hello', true],
      ['Hi Sam', false],
    ]);
    reloaded.sendChat('Back again');
    expect(new Set(reloaded.store.get().chat.map((m) => m.id)).size).toBe(3);
    reloaded.forgetChat();
    expect(open().store.get().chat).toEqual([]);
    // Another visit's chat is its own.
    expect(createChatHistory('visit-2', storage).load()).toEqual([]);
  });
});
