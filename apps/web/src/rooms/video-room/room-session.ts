// The provider-neutral part of a call: chat log, floating reactions, layout choice, recording
// notice and the announcements screen readers hear. The p2p and LiveKit rooms feed it received
// data messages and give it a way to send; React renders `store`. The chat log is kept in the
// tab's sessionStorage for the visit (`chat-history.ts`), so a reload within the visit keeps it;
// announcements and the recording notice clear once what they describe is over.
import { t } from '../../i18n/t.ts';
import { createStore, type Store } from '../../store/store.ts';
import type { RoomDataMessage } from '../room-types.ts';
import { createChatHistory, type ChatHistory } from './chat-history.ts';
import { REACTIONS, toDataMessage } from './data-protocol.ts';
import type { LayoutMode } from './layout.ts';

export interface ChatMessage {
  id: number;
  from: string;
  name: string;
  text: string;
  at: number;
  mine: boolean;
}

export interface FloatingReaction {
  id: number;
  identity: string;
  emoji: string;
}

export interface RoomSessionState {
  chat: readonly ChatMessage[];
  chatOpen: boolean;
  unread: number;
  reactions: readonly FloatingReaction[];
  layout: LayoutMode;
  recording: boolean;
  /** Shown to everyone once recording starts, until dismissed. */
  recordingNotice: boolean;
  /** The latest short announcement for the live region. */
  announcement: string;
}

export interface RoomSessionOptions {
  /** Sends a message to everyone else in the call. */
  send: (message: RoomDataMessage) => void;
  selfIdentity: () => string;
  /** The display name of a participant, for chat and announcements. */
  nameOf: (identity: string) => string;
  /** How long a reaction floats, in ms. */
  reactionMs?: number;
  /** How long an announcement stays in the live region, in ms. */
  announcementMs?: number;
  /** The visit (room) whose chat to keep across reloads; none keeps it in memory only. */
  roomId?: string;
  /** Where the chat is kept; the tab's sessionStorage by default. */
  history?: ChatHistory;
}

export interface RoomSession {
  store: Store<RoomSessionState>;
  /** A data message from someone else arrived. */
  receive(from: string, message: RoomDataMessage): void;
  sendReaction(emoji: string): void;
  /** Sends a chat message; returns false when there was nothing to send. */
  sendChat(text: string): boolean;
  setChatOpen(open: boolean): void;
  setLayout(layout: LayoutMode): void;
  /** The provider reported recording on or off. */
  setRecording(recording: boolean): void;
  dismissRecordingNotice(): void;
  announce(text: string): void;
  /** The participant left for good or the visit ended: forget the kept chat. */
  forgetChat(): void;
  dispose(): void;
}

const MAX_CHAT_KEPT = 200;

/** Creates the session state of one call. */
// A factory: the session's methods share its store and timers through this closure, and each
// of them is short.
export function createRoomSession(options: RoomSessionOptions): RoomSession {
  const reactionMs = options.reactionMs ?? 4000;
  const announcementMs = options.announcementMs ?? 8000;
  const history = options.roomId
    ? (options.history ?? createChatHistory(options.roomId))
    : undefined;
  const kept = history?.load() ?? [];
  const store = createStore<RoomSessionState>({
    chat: kept,
    chatOpen: false,
    unread: 0,
    reactions: [],
    layout: 'grid',
    recording: false,
    recordingNotice: false,
    announcement: '',
  });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let nextId = kept.reduce((max, m) => Math.max(max, m.id), 0) + 1;
  let announcementTimer: ReturnType<typeof setTimeout> | undefined;

  function float(identity: string, emoji: string): void {
    const id = nextId++;
    store.set((s) => ({ ...s, reactions: [...s.reactions, { id, identity, emoji }] }));
    const timer = setTimeout(() => {
      timers.delete(timer);
      store.set((s) => ({ ...s, reactions: s.reactions.filter((r) => r.id !== id) }));
    }, reactionMs);
    timers.add(timer);
  }

  function addChat(from: string, text: string, mine: boolean): void {
    const message: ChatMessage = {
      id: nextId++,
      from,
      name: options.nameOf(from),
      text,
      at: Date.now(),
      mine,
    };
    store.set((s) => ({
      ...s,
      chat: [...s.chat, message].slice(-MAX_CHAT_KEPT),
      unread: s.chatOpen || mine ? s.unread : s.unread + 1,
    }));
    history?.save(store.get().chat);
  }

  const session: RoomSession = {
    store,
    receive(from, raw) {
      const message = toDataMessage(raw);
      if (!message) return;
      if (message.type === 'reaction') {
        float(from, message.emoji);
        session.announce(
          t('room.reaction.from', { name: options.nameOf(from), emoji: message.emoji }),
        );
      } else {
        addChat(from, message.text, false);
        session.announce(`${t('room.chat.from', { name: options.nameOf(from) })} ${message.text}`);
      }
    },
    sendReaction(emoji) {
      if (!(REACTIONS as readonly string[]).includes(emoji)) return;
      options.send({ type: 'reaction', emoji });
      float(options.selfIdentity(), emoji);
    },
    sendChat(text) {
      const message = toDataMessage({ type: 'chat', text });
      if (!message || message.type !== 'chat') return false;
      options.send(message);
      addChat(options.selfIdentity(), message.text, true);
      return true;
    },
    setChatOpen(open) {
      store.set((s) => ({ ...s, chatOpen: open, unread: open ? 0 : s.unread }));
    },
    setLayout(layout) {
      store.set((s) => ({ ...s, layout }));
    },
    setRecording(recording) {
      const was = store.get().recording;
      if (was === recording) return;
      // The notice says recording is on: it goes when recording stops.
      store.set((s) => ({ ...s, recording, recordingNotice: recording }));
      session.announce(recording ? t('room.recording.started') : t('room.recording.stopped'));
    },
    dismissRecordingNotice() {
      store.set((s) => ({ ...s, recordingNotice: false }));
    },
    announce(text) {
      // Said once, then cleared: a live region holding old news would be read again later.
      clearTimeout(announcementTimer);
      store.set((s) => ({ ...s, announcement: text }));
      announcementTimer = setTimeout(() => {
        store.set((s) => (s.announcement === text ? { ...s, announcement: '' } : s));
      }, announcementMs);
    },
    forgetChat() {
      history?.clear();
    },
    dispose() {
      timers.forEach(clearTimeout);
      timers.clear();
      clearTimeout(announcementTimer);
    },
  };
  return session;
}
