// The visitor's side of the waiting room's conversation: read the thread, answer staff, and read
// the entry again (for a fresh estimated wait). Every call proves the entry with its bearer secret.
import type { LobbyMessage, LobbyState } from '@openconnect/contracts';
import { createApiFetch, type FetchLike } from '../api/client.ts';

export interface ThreadApi {
  list(): Promise<LobbyMessage[]>;
  reply(text: string): Promise<LobbyMessage>;
  state(): Promise<LobbyState>;
}

/** The thread API of one entry, over `fetch` (the browser's by default). */
export function createThreadApi(
  entryId: string,
  token: string,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): ThreadApi {
  const request = createApiFetch((input, init) =>
    fetchImpl(input, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    }),
  );
  const path = `/lobby/${encodeURIComponent(entryId)}`;
  return {
    list: () => request<LobbyMessage[]>(`${path}/messages`),
    reply: (text) => request<LobbyMessage>(`${path}/reply`, { method: 'POST', body: { text } }),
    state: () => request<LobbyState>(path),
  };
}
