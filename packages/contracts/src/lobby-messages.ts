// The waiting room's conversation: messages between staff and a waiting visitor (kept with the
// entry, so a reload or a restart keeps the thread), the facility's canned messages offered to
// staff as one-click choices, and the estimated wait shown to the visitor.
import { z } from 'zod';
import { Id } from './ids.ts';
import { MessageText } from './text.ts';

/** Longest message either side may send. */
export const LOBBY_MESSAGE_MAX = 500;
/** Longest canned message, and how many a facility keeps. */
export const CANNED_MESSAGE_MAX = 200;
export const CANNED_MESSAGES_PER_FACILITY = 10;

/** One message of a waiting entry's thread. */
export const LobbyMessage = z.object({
  id: Id,
  entryId: Id,
  /** Who wrote it: staff of the facility or the waiting visitor. */
  from: z.enum(['staff', 'visitor']),
  /** The writer's name as the other side sees it. */
  author: z.string(),
  text: z.string(),
  at: z.iso.datetime(),
});
export type LobbyMessage = z.infer<typeof LobbyMessage>;

/** A visitor's answer to staff. */
export const VisitorReplyBody = z.strictObject({
  text: MessageText({ max: LOBBY_MESSAGE_MAX }),
});
export type VisitorReplyBody = z.infer<typeof VisitorReplyBody>;

/** A facility's canned messages, in the order staff see them. */
export const CannedMessages = z.object({
  messages: z.array(z.string()),
  /** False while the facility has never edited them (the defaults are shown). */
  customised: z.boolean(),
});
export type CannedMessages = z.infer<typeof CannedMessages>;

export const CannedMessagesBody = z.strictObject({
  messages: z
    .array(MessageText({ max: CANNED_MESSAGE_MAX }))
    .max(CANNED_MESSAGES_PER_FACILITY)
    .refine((list) => new Set(list).size === list.length, { message: 'must not repeat' }),
});
export type CannedMessagesBody = z.infer<typeof CannedMessagesBody>;

/**
 * How much longer a waiting visitor may expect to wait, as a whole-minute range (`fromMinutes` 0:
 * "less than `toMinutes`"). Absent when the facility has too little recent history to say.
 */
export const WaitEstimate = z.object({
  fromMinutes: z.number().int().nonnegative(),
  toMinutes: z.number().int().positive(),
});
export type WaitEstimate = z.infer<typeof WaitEstimate>;
