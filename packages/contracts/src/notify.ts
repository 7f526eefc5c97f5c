// Sending an invite link to a person by email (or, where a deployment adds it, by text message).
import { z } from 'zod';

export const NotifyChannel = z.enum(['email', 'sms']);
export type NotifyChannel = z.infer<typeof NotifyChannel>;

/** What the server does with each channel: delivers it, only logs it (not set up), or cannot. */
export const NotifyChannels = z.object({
  email: z.enum(['deliver', 'log', 'none']),
  sms: z.enum(['deliver', 'log', 'none']),
});
export type NotifyChannels = z.infer<typeof NotifyChannels>;

export const SendInviteBody = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), to: z.email().max(254) }),
  z.strictObject({
    channel: z.literal('sms'),
    to: z
      .string()
      .regex(
        /^\+[1-9]\d{6,14}$/,
        'must be a phone number in international form, like +447700900123',
      ),
  }),
]);
export type SendInviteBody = z.infer<typeof SendInviteBody>;

export const SendInviteResult = z.object({
  channel: NotifyChannel,
  /** The recipient, masked ("ro***@example.org"). */
  to: z.string(),
  /** `sent`: the mail server accepted it; `logged`: no mail server is set up, nothing was sent. */
  outcome: z.enum(['sent', 'logged']),
});
export type SendInviteResult = z.infer<typeof SendInviteResult>;
