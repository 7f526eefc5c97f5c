// Sending an invite link to the person it is for: staff of the visit's facility, a link that
// still works, a plain message that says what will happen, and an audit entry that names the
// channel and the masked recipient.
import type { SendInviteBody, SendInviteResult, StaffMember } from '@openconnect/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { toInvite } from '../invites/invites.ts';
import type { Services } from '../services.ts';
import { maskRecipient } from './notifier.ts';

type Deps = Pick<Services, 'db' | 'config' | 'notifier'>;

/** The message a person receives with their link. */
export function invitationText(invite: {
  facilityName: string;
  visitTitle: string;
  url: string;
  expiresAt: Date;
  timeZone: string;
  /** The link lets its person straight into the call (someone added to a call). */
  admitOnArrival?: boolean;
}): { subject: string; text: string } {
  const until = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: invite.timeZone,
  }).format(invite.expiresAt);
  return {
    subject: `Video visit: ${invite.visitTitle}`,
    text: [
      'Hello,',
      '',
      `${invite.facilityName} invites you to a video visit: ${invite.visitTitle}.`,
      '',
      'Open this link on a phone, tablet or computer with a camera:',
      invite.url,
      '',
      invite.admitOnArrival
        ? 'You will be let into the call when you arrive; if it is full, you wait until there is room.'
        : 'You will wait in a waiting room until staff let you in.',
      `The link works until ${until}.`,
    ].join('\n'),
  };
}

/** Sends a working invite link to one person; FORBIDDEN-free: other facilities' invites are 404. */
export async function sendInvitation(
  deps: Deps,
  staff: StaffMember,
  inviteId: string,
  body: SendInviteBody,
  log: FastifyBaseLogger,
): Promise<SendInviteResult> {
  const row = await deps.db
    .selectFrom('invites')
    .innerJoin('rooms', 'rooms.id', 'invites.room_id')
    .innerJoin('facilities', 'facilities.id', 'rooms.facility_id')
    .selectAll('invites')
    .select([
      'rooms.facility_id',
      'rooms.title as visit_title',
      'rooms.status as visit_status',
      'facilities.name as facility_name',
      'facilities.timezone',
    ])
    .where('invites.id', '=', inviteId)
    .executeTakeFirst();
  if (!row || !staff.facilityIds.includes(row.facility_id)) throw notFound('Invite');
  if (row.revoked_at) throw new AppError('GONE', 'This link was withdrawn; make a new one.');
  if (row.expires_at.getTime() <= Date.now()) {
    throw new AppError('GONE', 'This link has expired; make a new one.');
  }
  if (row.visit_status === 'ended') throw new AppError('GONE', 'This visit has ended.');

  const how = deps.notifier.channels[body.channel];
  if (how === 'none') {
    throw new AppError(
      'CONFLICT',
      body.channel === 'sms'
        ? 'Text messages are not set up on this server. Send the link by email or copy it.'
        : 'Email is not set up on this server. Copy the link instead.',
    );
  }
  const invite = toInvite(row, deps.config.publicUrl);
  const message = invitationText({
    facilityName: row.facility_name,
    visitTitle: row.visit_title,
    url: invite.url,
    expiresAt: row.expires_at,
    timeZone: row.timezone,
    admitOnArrival: row.admit_on_arrival,
  });
  try {
    await deps.notifier.send({ channel: body.channel, to: body.to, ...message }, log);
  } catch (error) {
    throw new AppError(
      'PROVIDER_UNAVAILABLE',
      'The mail server did not take the message. Try again in a moment, or copy the link.',
      undefined,
      { cause: error },
    );
  }
  const to = maskRecipient(body.to);
  const outcome = how === 'deliver' ? 'sent' : 'logged';
  await recordAudit(deps, {
    actor: staff,
    action: 'invite.send',
    targetType: 'invite',
    targetId: row.id,
    facilityId: row.facility_id,
    details: { channel: body.channel, to, outcome },
  });
  return { channel: body.channel, to, outcome };
}
