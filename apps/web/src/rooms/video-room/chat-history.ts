// A call's chat kept in the tab's sessionStorage, one entry per visit (room), so a reload within
// the visit shows what was said; cleared when the participant leaves for good or the visit ends.
// Per tab on purpose: the log should not outlive the visit or reach another tab's visit.
import type { ChatMessage } from './room-session.ts';

/** The part of Storage this module needs; tests pass a Map-backed one. */
export type ChatStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ChatHistory {
  load(): ChatMessage[];
  save(chat: readonly ChatMessage[]): void;
  clear(): void;
}

/** The storage key of a visit's chat. */
export const chatKey = (roomId: string) => `openconnect.chat.${roomId}`;

function sessionStore(): ChatStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // Storage blocked: the chat lives in memory only.
  }
}

function isMessage(value: unknown): value is ChatMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.id === 'number' &&
    typeof m.from === 'string' &&
    typeof m.name === 'string' &&
    typeof m.text === 'string' &&
    typeof m.at === 'number' &&
    typeof m.mine === 'boolean'
  );
}

/** The kept chat of one visit. */
export function createChatHistory(
  roomId: string,
  storage: ChatStorage | undefined = sessionStore(),
): ChatHistory {
  const key = chatKey(roomId);
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isMessage) : [];
      } catch {
        return [];
      }
    },
    save(chat) {
      try {
        storage?.setItem(key, JSON.stringify(chat));
      } catch {
        // Full or blocked: the chat still shows, it just will not survive a reload.
      }
    },
    clear() {
      storage?.removeItem(key);
    },
  };
}
