// Invites: unguessable links that let a visitor reach a visit's waiting room.
import { z } from 'zod';
import { Id } from './ids.ts';
import { INVITE_ROLES } from './invite-roles.ts';

/** 128 random bits, base64url: 22 characters. */
export const InviteCode = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'not an invite code');

/**
 * Who a link is for. `personal`: one named person; it admits one active request at a time, and
 * removing that person from the visit withdraws it. `shared`: a family link that several people
 * may use; removing one of them may also withdraw it for everyone.
 */
export const InviteKind = z.enum(['personal', 'shared']);
export type InviteKind = z.infer<typeof InviteKind>;

/** The role of a person added to a call (invite-roles.ts); null for an ordinary visitor's link. */
export const InviteRoleSchema = z.enum(INVITE_ROLES);

export const Invite = z.object({
  id: Id,
  visitId: Id,
  kind: InviteKind,
  code: InviteCode,
  url: z.string(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** Set for a person added to a call: shown as their label in the call and the queue. */
  role: InviteRoleSchema.nullable().optional(),
  /** The person is let in as soon as they ask (when the call has room). */
  admitOnArrival: z.boolean().optional(),
});
export type Invite = z.infer<typeof Invite>;

export const CreateInviteBody = z.strictObject({
  /** Minutes until the link stops working: 5 minutes to 30 days; 24 hours by default. */
  expiresInMinutes: z.number().int().min(5).max(43_200).default(1440),
  /** A link for one named person, or a shared one; shared by default. */
  kind: InviteKind.default('shared'),
});
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

export const InviteCodeParams = z.strictObject({ code: InviteCode });

/** What an invite link shows a visitor before they ask to join. */
export const InviteLanding = z.object({
  visitTitle: z.string(),
  facilityName: z.string(),
  visitStatus: z.enum(['scheduled', 'live', 'ended']),
  scheduledStart: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  /** The end in force of a scheduled visit (optional: only scheduled visits have one). */
  scheduledEnd: z.iso.datetime().nullable().optional(),
  /** The facility's IANA time zone, which the visit's times are told in. */
  timeZone: z.string().optional(),
  /** When the waiting room opens, while that is still ahead; absent or null once it is open. */
  opensAt: z.iso.datetime().nullable().optional(),
});
export type InviteLanding = z.infer<typeof InviteLanding>;

/** Options when staff remove someone from a visit. */
export const RemoveParticipantBody = z
  .strictObject({
    /**
     * Someone who came through a shared link: also withdraw that link for everyone. A personal
     * link is always withdrawn with its person, whatever this says.
     */
    withdrawLink: z.boolean().default(false),
  })
  .default({ withdrawLink: false });
export type RemoveParticipantBody = z.infer<typeof RemoveParticipantBody>;
