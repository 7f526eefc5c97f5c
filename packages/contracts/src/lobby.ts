// The waiting room: a visitor knocks from an invite link, waits, and is admitted or not by staff.
// Shapes of its HTTP bodies and of the events pushed to visitors and staff.
import { z } from 'zod';
import { DisplayName, MessageText, PlainText } from './text.ts';
import { Id } from './ids.ts';
import { InviteKind, InviteRoleSchema } from './invites.ts';
import { LOBBY_MESSAGE_MAX, LobbyMessage, WaitEstimate } from './lobby-messages.ts';
import { JoinCredentials, ProviderType } from './providers.ts';
import { PrecallReport } from './precall.ts';

export const LobbyStatus = z.enum([
  'waiting',
  'admitted',
  'denied',
  'cancelled',
  'expired',
  'removed',
]);
export type LobbyStatus = z.infer<typeof LobbyStatus>;

export const KnockBody = z.strictObject({
  displayName: DisplayName({ max: 80, tooShort: 'Enter your name' }),
});
export type KnockBody = z.infer<typeof KnockBody>;

/** What a visitor gets back when they knock: their entry and the secret that proves it is theirs. */
export const LobbyTicket = z.object({
  entryId: Id,
  /** Bearer secret for this entry only: `Authorization: Bearer <visitorToken>`. */
  visitorToken: z.string(),
  status: LobbyStatus,
  visitId: Id,
  visitTitle: z.string(),
  facilityName: z.string(),
  createdAt: z.iso.datetime(),
});
export type LobbyTicket = z.infer<typeof LobbyTicket>;

/** A lobby entry as staff see it. */
export const LobbyEntry = z.object({
  id: Id,
  visitId: Id,
  visitTitle: z.string(),
  displayName: z.string(),
  status: LobbyStatus,
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: Id.nullable(),
  /** Whether the visitor's page is connected right now. */
  online: z.boolean(),
  /** The role of a person added to a call (interpreter, relative, colleague), shown as a label. */
  role: InviteRoleSchema.nullable().optional(),
  /** The visitor's latest pre-call check, once they ran one. */
  precall: PrecallReport.nullable().optional(),
});
export type LobbyEntry = z.infer<typeof LobbyEntry>;

export const DenyBody = z.strictObject({
  reason: PlainText({ min: 0, max: 300, multiline: true }).optional(),
});
export const LobbyMessageBody = z.strictObject({
  text: MessageText({ max: LOBBY_MESSAGE_MAX }),
});

/** The visitor's view of their entry. */
export const LobbyState = z.object({
  entryId: Id,
  status: LobbyStatus,
  /** 1 = next in line among those waiting for the same visit. */
  position: z.number().int().positive().nullable(),
  waitingSince: z.iso.datetime(),
  reason: z.string().nullable(),
  /** For an admitted visitor of a scheduled visit: when it ends, extensions included. */
  endsAt: z.iso.datetime().nullable().optional(),
  /** The title of the visit staff moved this entry to; absent or null when never moved. */
  movedTo: z.string().nullable().optional(),
  /** How much longer the wait may be, from the facility's recent admissions; null: too little history. */
  estimate: WaitEstimate.nullable().optional(),
  /**
   * The video service the visit is on now, so the page can load the call's code while the
   * visitor waits. A hint: a visit that has not started may still move at the join.
   */
  provider: ProviderType.nullable().optional(),
});
export type LobbyState = z.infer<typeof LobbyState>;

/** Events pushed to a visitor over `/ws/lobby`. */
export const VisitorEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: LobbyState }),
  z.object({
    type: z.literal('message'),
    text: z.string(),
    from: z.string(),
    at: z.iso.datetime(),
  }),
  z.object({ type: z.literal('admitted'), credentials: JoinCredentials }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type VisitorEvent = z.infer<typeof VisitorEvent>;

export const RecordingStatus = z.enum(['starting', 'active', 'ended', 'failed']);
export type RecordingStatus = z.infer<typeof RecordingStatus>;

export const Recording = z.object({
  id: Id,
  visitId: Id,
  status: RecordingStatus,
  startedBy: Id,
  consentNotice: z.string(),
  error: z.string().nullable(),
  location: z.string().nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  /** When its file was deleted (the row stays on record); `deletedReason` says why. */
  deletedAt: z.iso.datetime().nullable(),
  deletedReason: z.enum(['staff', 'retention']).nullable(),
});
export type Recording = z.infer<typeof Recording>;

export const StartRecordingBody = z.strictObject({
  /** Staff confirm that everyone present was told the visit is recorded. */
  everyoneInformed: z.literal(true, { error: 'Confirm that everyone present was told.' }),
});

export const VisitParticipant = z.object({
  id: Id,
  identity: z.string(),
  displayName: z.string(),
  role: z.enum(['host', 'visitor']),
  provider: ProviderType,
  issuedAt: z.iso.datetime(),
  joinedAt: z.iso.datetime().nullable(),
  leftAt: z.iso.datetime().nullable(),
  leftReason: z.string().nullable(),
  /** The kind of link a visitor came through (what removing them does to it); null for staff. */
  inviteKind: InviteKind.nullable().optional(),
});
export type VisitParticipant = z.infer<typeof VisitParticipant>;

/** Events pushed to every staff page of a facility over `/ws/staff`. */
export const StaffEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lobby'), entry: LobbyEntry }),
  z.object({
    type: z.literal('visit'),
    visitId: Id,
    status: z.enum(['scheduled', 'live', 'ended']),
  }),
  z.object({ type: z.literal('participants'), visitId: Id }),
  z.object({ type: z.literal('recording'), recording: Recording }),
  /** Someone answered the recording notice, was asked it, or the facility's setting changed. */
  z.object({ type: z.literal('consent'), visitId: Id }),
  /** A message of a waiting entry's thread, from either side. */
  z.object({ type: z.literal('lobbyMessage'), message: LobbyMessage }),
]);
export type StaffEvent = z.infer<typeof StaffEvent>;
