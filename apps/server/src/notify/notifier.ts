// Sending invitations to people: one interface for every channel, so a deployment picks how mail
// (and, with an extension, SMS) leaves the server. Without SMTP_URL the log-only notifier is used:
// it sends nothing and logs that it did not (never the message, which carries the invite link).
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { NotifyChannel } from '@openconnect/contracts';
import type { Config } from '../config/schema.ts';

export interface OutboundMessage {
  channel: NotifyChannel;
  /** An email address or an E.164 phone number, as validated at the edge. */
  to: string;
  subject: string;
  text: string;
}

export interface Notifier {
  /** What this notifier does with each channel: delivers it, only logs it, or cannot. */
  readonly channels: Readonly<Record<NotifyChannel, 'deliver' | 'log' | 'none'>>;
  /** Sends the message; resolves once the channel accepted it (or, log-only, once logged). */
  send(message: OutboundMessage, log: FastifyBaseLogger): Promise<void>;
  close(): void;
}

/** "ro***@example.org", "+44 ***** 321": enough for staff to recognise, not to harvest. */
export function maskRecipient(to: string): string {
  const at = to.lastIndexOf('@');
  if (at > 0) return `${to.slice(0, Math.min(2, at))}***${to.slice(at)}`;
  return to.length > 6 ? `${to.slice(0, 3)}***${to.slice(-3)}` : '***';
}

/** Sends nothing; logs which channel and (masked) recipient a message was for. */
export const logOnlyNotifier: Notifier = {
  channels: { email: 'log', sms: 'log' },
  async send(message, log) {
    log.info(
      { channel: message.channel, to: maskRecipient(message.to), chars: message.text.length },
      'invitation not sent: no mail server is configured (SMTP_URL), so it was only logged',
    );
  },
  close() {},
};

/** Mail through an SMTP server (`SMTP_URL`, from `MAIL_FROM`); SMS stays unavailable. */
export function smtpNotifier(url: string, from: string): Notifier {
  const transport = nodemailer.createTransport(url);
  return {
    channels: { email: 'deliver', sms: 'none' },
    async send(message) {
      if (message.channel !== 'email') throw new Error(`smtp cannot send ${message.channel}`);
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
    close: () => transport.close(),
  };
}

/**
 * The notifier the configuration asks for. SMS: implement `Notifier` for an SMS gateway (its
 * `channels.sms` is 'deliver') and return it here, composed with the mail notifier
 * (docs/operations/invitations.md says how).
 */
export function createNotifier(config: Pick<Config, 'notify'>): Notifier {
  const { smtpUrl, mailFrom } = config.notify;
  return smtpUrl ? smtpNotifier(smtpUrl, mailFrom) : logOnlyNotifier;
}
