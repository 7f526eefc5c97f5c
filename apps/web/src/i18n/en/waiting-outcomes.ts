// The waiting room's endings: turned away, left, expired, removed. Loaded when one is shown
// (../../lobby-outcome/WaitingOutcome.tsx), not with the waiting room, which is at its budget.
export const waitingOutcomes = {
  'lobby.denied.title': 'Staff could not let you in this time',
  'lobby.denied.body':
    'We are sorry. If you think this is a mistake, please contact the person who invited you.',
  'lobby.denied.reason': 'Their message: “{reason}”',
  'lobby.cancelled.title': 'You left the waiting room',
  'lobby.cancelled.body': 'Staff will not see you waiting any more.',
  'lobby.expired.title': 'Your place in the waiting room ended',
  'lobby.expired.body': 'It ends when this page is closed for a while. You can ask to join again.',
  'lobby.askAgain': 'Ask to join again',
  'lobby.removed.title': 'You were removed from the visit',
  'lobby.removed.body':
    'A member of staff ended your part in this visit. If you think this is a mistake, please contact the person who invited you.',
  'lobby.left.title': 'You left the visit',
  'lobby.left.body': 'Thank you for visiting. You can close this page.',
} as const;
