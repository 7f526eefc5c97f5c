// Sample data for the waiting room's unit tests: a ticket, lobby states and join credentials.
// Not used by the app itself.
import type { JoinCredentials, LobbyState, LobbyTicket } from '@openconnect/contracts';

export const ticket: LobbyTicket = {
  entryId: 'e1',
  visitorToken: 'secret',
  status: 'waiting',
  visitId: 'v1',
  visitTitle: 'Tea with Mum',
  facilityName: 'Demo Care Home',
  createdAt: '2030-01-01T10:00:00.000Z',
};

/** The ticket's entry in `status` (first in line while waiting). */
export const lobby = (
  status: LobbyState['status'],
  extra: Partial<LobbyState> = {},
): LobbyState => ({
  entryId: 'e1',
  status,
  position: status === 'waiting' ? 1 : null,
  waitingSince: ticket.createdAt,
  reason: null,
  ...extra,
});

export const credentials = {
  provider: 'p2p',
  signalingUrl: 'ws://x/ws/p2p',
  token: 't',
  iceServers: [],
  roomId: 'r',
  identity: 'visitor-1',
  displayName: 'Ann',
  role: 'visitor',
  expiresAt: '2030-01-01T11:00:00.000Z',
  capabilities: {
    recording: false,
    screenShare: true,
    reactions: true,
    chat: true,
    maxParticipants: 4,
  },
} satisfies JoinCredentials;
