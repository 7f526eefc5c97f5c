// Where the feedback of the call that just ended goes, read from the page the call is on: a
// visitor's invite page sends it with their waiting-room ticket (the tab keeps it), the host's
// room page with the staff session. Any other page has no call to rate.
import { createTicketStorage, type TicketStorage } from '../lobby/ticket-storage.ts';
import { matchRoute } from '../router/routes.ts';

export interface FeedbackTarget {
  /** The participant's path under the API: `<base>/feedback`, `<base>/call-record`. */
  base: string;
  headers: Record<string, string>;
}

/** Where feedback on the call shown at `pathname` goes, with its credentials, if anywhere. */
export function feedbackTarget(
  pathname: string,
  tickets: TicketStorage = createTicketStorage(),
): FeedbackTarget | undefined {
  const route = matchRoute(pathname);
  if (route.name === 'hostRoom') {
    return { base: `/api/v1/visits/${encodeURIComponent(route.visitId)}`, headers: {} };
  }
  if (route.name === 'join') {
    const ticket = tickets.load(route.code);
    if (!ticket) return undefined;
    return {
      base: `/api/v1/lobby/${encodeURIComponent(ticket.entryId)}`,
      headers: { Authorization: `Bearer ${ticket.visitorToken}` },
    };
  }
  return undefined;
}
