// Remembers the visitor's lobby ticket in sessionStorage, so reloading the invite page resumes
// the same entry instead of knocking again. Kept per tab (a bearer secret should not outlive it):
// the invite code points at the entry, and the entry's key holds its ticket.
import type { LobbyTicket } from '@openconnect/contracts';

/** The part of Storage this module needs; tests pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const inviteKey = (code: string) => `openconnect.lobby.invite.${code}`;
const entryKey = (entryId: string) => `openconnect.lobby.entry.${entryId}`;

export interface TicketStorage {
  /** The ticket this tab got for an invite, if any. */
  load(code: string): LobbyTicket | undefined;
  save(code: string, ticket: LobbyTicket): void;
  forget(code: string): void;
}

function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // Storage can be blocked; the visitor then just cannot resume after a reload.
  }
}

/** Ticket storage over `storage` (the tab's sessionStorage by default). */
export function createTicketStorage(
  storage: KeyValueStorage | undefined = browserStorage(),
): TicketStorage {
  return {
    load(code) {
      const entryId = storage?.getItem(inviteKey(code));
      const raw = entryId ? storage?.getItem(entryKey(entryId)) : null;
      if (!raw) return undefined;
      try {
        const ticket = JSON.parse(raw) as LobbyTicket;
        return typeof ticket.entryId === 'string' && typeof ticket.visitorToken === 'string'
          ? ticket
          : undefined;
      } catch {
        return undefined;
      }
    },
    save(code, ticket) {
      storage?.setItem(entryKey(ticket.entryId), JSON.stringify(ticket));
      storage?.setItem(inviteKey(code), ticket.entryId);
    },
    forget(code) {
      const entryId = storage?.getItem(inviteKey(code));
      if (entryId) storage?.removeItem(entryKey(entryId));
      storage?.removeItem(inviteKey(code));
    },
  };
}

/** An in-memory KeyValueStorage. */
export function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}
