// Sending an invite link by email (part of the staff catalogue, see staff.ts).
export const invitations = {
  'invite.send.open': 'Send by email',
  'invite.send.label': 'Their email address',
  'invite.send.hint': 'They get the link, what the visit is, and that they will wait to be let in.',
  'invite.send.submit': 'Send link',
  'invite.send.busy': 'Sending…',
  'invite.send.sent': 'Link sent to {to}.',
  'invite.send.logged':
    'Email is not set up on this server, so nothing was sent. Copy the link and send it yourself.',
  'invite.send.invalid': 'Enter an email address, like name@example.com.',
} as const;
