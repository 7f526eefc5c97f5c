import { describe, expect, it } from 'vitest';
import { invitationText } from './invitations.ts';

const invite = {
  facilityName: 'Demo Care Home',
  visitTitle: 'Tea with Grandma',
  url: 'https://visits.example/i/abc',
  expiresAt: new Date('2026-12-07T15:30:00Z'),
  timeZone: 'Europe/London',
};

describe('invitationText', () => {
  it('tells a visitor they will wait until staff let them in, and until when the link works', () => {
    const { subject, text } = invitationText(invite);
    expect(subject).toBe('Video visit: Tea with Grandma');
    expect(text).toContain('https://visits.example/i/abc');
    expect(text).toContain('You will wait in a waiting room until staff let you in.');
    expect(text).toContain('The link works until Monday, 7 December 2026 at 15:30.');
  });

  it('tells someone added to a call that they are let in on arrival, and what happens if it is full', () => {
    const { text } = invitationText({ ...invite, admitOnArrival: true });
    expect(text).toContain('You will be let into the call when you arrive');
    expect(text).toContain('if it is full, you wait until there is room');
    expect(text).not.toContain('until staff let you in');
  });
});
