// Consent to recording, per person: what each participant answered to the recording notice (or
// that they left without answering), the facility setting that makes recording wait for everyone,
// and the shapes staff read and participants send.
import { z } from 'zod';
import { Id } from './ids.ts';

/** What a participant can answer to the notice. */
export const ConsentAnswer = z.enum(['understood', 'declined']);
export type ConsentAnswer = z.infer<typeof ConsentAnswer>;

/**
 * Where one person stands: `pending` (asked, no answer yet), `understood`, `declined` (chose to
 * leave the visit), or `left` (left the visit without answering).
 */
export const ConsentState = z.enum(['pending', 'understood', 'declined', 'left']);
export type ConsentState = z.infer<typeof ConsentState>;

export const ConsentEntry = z.object({
  identity: z.string(),
  displayName: z.string(),
  role: z.enum(['host', 'visitor']),
  state: ConsentState,
  /** When the notice was put to them; null for someone present who has not been asked yet. */
  askedAt: z.iso.datetime().nullable(),
  /** When they answered, or left without answering. */
  answeredAt: z.iso.datetime().nullable(),
});
export type ConsentEntry = z.infer<typeof ConsentEntry>;

/** One recording's consent record: everyone present while it ran, and what they answered. */
export const RecordingConsent = z.object({
  recordingId: Id,
  visitId: Id,
  entries: z.array(ConsentEntry),
});
export type RecordingConsent = z.infer<typeof RecordingConsent>;

/** A visit's consent as staff see it now: for its running recording, or for the next one. */
export const VisitConsent = z.object({
  visitId: Id,
  /** The facility records only once everyone present has agreed. */
  requiresConsent: z.boolean(),
  /** The recording under way (starting or active), if any. */
  recordingId: Id.nullable(),
  /** Everyone present (and anyone who left during the running recording). */
  entries: z.array(ConsentEntry),
  /** Everyone present has answered "I understand" (for the running or the next recording). */
  everyoneAgreed: z.boolean(),
});
export type VisitConsent = z.infer<typeof VisitConsent>;

/** What the call screen asks for one participant: whether to show the notice, and which. */
export const MyConsent = z.object({
  requiresConsent: z.boolean(),
  /** The recording under way, if any; null while none is. */
  recordingId: Id.nullable(),
  /** This person's answer to the notice now in force (the recording's, or the advance one). */
  state: ConsentState.nullable(),
  /** Show the notice: a recording runs, or (with the setting) may start, and they have not agreed. */
  ask: z.boolean(),
});
export type MyConsent = z.infer<typeof MyConsent>;

export const AnswerConsentBody = z.strictObject({
  answer: ConsentAnswer,
  /** The recording the notice was about; null for the advance notice (recording may start). */
  recordingId: Id.nullable(),
});
export type AnswerConsentBody = z.infer<typeof AnswerConsentBody>;

/** A facility's recording settings. */
export const RecordingSettings = z.object({
  facilityId: Id,
  /** Start recording stays disabled until everyone present has answered "I understand". */
  requiresConsent: z.boolean(),
});
export type RecordingSettings = z.infer<typeof RecordingSettings>;

export const UpdateRecordingSettingsBody = z.strictObject({ requiresConsent: z.boolean() });
export type UpdateRecordingSettingsBody = z.infer<typeof UpdateRecordingSettingsBody>;
