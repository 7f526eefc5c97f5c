import { describe, expect, it } from 'vitest';
import { createTicketStorage, memoryStorage } from '../lobby/ticket-storage.ts';
import { feedbackTarget } from './feedback-target.ts';

const ticket = {
  entryId: '11111111-1111-4111-8111-111111111111',
  visitorToken: 'secret-token',
  status: 'admitted' as const,
  visitId: '22222222-2222-4222-8222-222222222222',
  visitTitle: 'Tea',
  facilityName: 'Home',
  createdAt: '2026-12-06T10:00:00.000Z',
};

describe('feedbackTarget', () => {
  it('sends a visitor’s feedback with the ticket this tab keeps for the invite', () => {
    const tickets = createTicketStorage(memoryStorage());
    tickets.save('abc123', ticket);
    expect(feedbackTarget('/join/abc123', tickets)).toEqual({
      base: `/api/v1/lobby/${ticket.entryId}`,
      headers: { Authorization: 'Bearer secret-token' },
    });
  });

  it('has nowhere to send on an invite page whose ticket this tab does not have', () => {
    expect(feedbackTarget('/join/abc123', createTicketStorage(memoryStorage()))).toBeUndefined();
  });

  it('sends the host’s feedback on the visit of the room page, with the session only', () => {
    expect(feedbackTarget(`/visits/${ticket.visitId}/room`)).toEqual({
      base: `/api/v1/visits/${ticket.visitId}`,
      headers: {},
    });
  });

  it('renders nothing to send from pages without a call', () => {
    expect(feedbackTarget('/facilities/x/console')).toBeUndefined();
    expect(feedbackTarget('/')).toBeUndefined();
  });
});
