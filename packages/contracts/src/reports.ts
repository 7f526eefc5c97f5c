// Reports for the people who decide: what participants said about a call (feedback), and the
// figures of a facility's visits over a date range (waits, durations, call quality per provider).
import { z } from 'zod';
import { Id } from './ids.ts';
import { ProviderType } from './providers.ts';
import { ParticipantRole } from './providers.ts';
import { PlainText } from './text.ts';

/** What went wrong in a call, as a participant may tick it. */
export const FEEDBACK_TAGS = [
  'could_not_hear',
  'could_not_see',
  'call_dropped',
  'hard_to_join',
] as const;
export const FeedbackTag = z.enum(FEEDBACK_TAGS);
export type FeedbackTag = z.infer<typeof FeedbackTag>;

/** The longest feedback comment, in characters. */
export const FEEDBACK_COMMENT_MAX = 500;

/**
 * A participant's word on the call they just had; every part may be skipped (a tag without a
 * rating is still worth keeping), but an empty form is refused.
 */
export const CallFeedbackBody = z
  .strictObject({
    rating: z.number().int().min(1).max(5).nullable().default(null),
    tags: z
      .array(FeedbackTag)
      .max(FEEDBACK_TAGS.length)
      .default([])
      .transform((tags) => [...new Set(tags)]),
    comment: PlainText({ max: FEEDBACK_COMMENT_MAX, min: 0, multiline: true })
      .nullable()
      .default(null),
  })
  .refine((body) => body.rating !== null || body.tags.length > 0 || !!body.comment, {
    message: 'Give a rating, a tag or a comment, or skip the feedback.',
  });
export type CallFeedbackBody = z.infer<typeof CallFeedbackBody>;

/** Feedback as stored: one per participant and visit (sending again replaces it). */
export const CallFeedback = z.object({
  visitId: Id,
  provider: ProviderType,
  role: ParticipantRole,
  rating: z.number().int().min(1).max(5).nullable(),
  tags: z.array(FeedbackTag),
  comment: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type CallFeedback = z.infer<typeof CallFeedback>;

/** The date range and scope of a report: one facility, or every facility (operators). */
export const ReportQuery = z
  .strictObject({
    /** Absent: every facility the staff member may see (all of them for operators). */
    facilityId: Id.optional(),
    /** First day, inclusive (YYYY-MM-DD, UTC). */
    from: z.iso.date(),
    /** Last day, inclusive (YYYY-MM-DD, UTC). */
    to: z.iso.date(),
  })
  .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`.' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'A report covers at most 366 days.',
  });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Middle and high percentiles of a duration, with how many values they come from. */
export const Spread = z.object({
  count: z.number().int().nonnegative(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
});
export type Spread = z.infer<typeof Spread>;

export const ProviderReport = z.object({
  provider: ProviderType,
  /** Participant sessions that joined the call. */
  sessions: z.number().int().nonnegative(),
  /** Credentials issued that never joined: a join that failed (or was abandoned). */
  joinFailures: z.number().int().nonnegative(),
  /** joinFailures / (sessions + joinFailures); null with no attempts. */
  joinErrorRate: z.number().min(0).max(1).nullable(),
  /** Milliseconds from Join to connected, as browsers report them. */
  connectMs: Spread,
  /** Milliseconds from Join to the first remote video frame. */
  firstFrameMs: Spread,
  reconnects: z.number().int().nonnegative(),
  /** Sessions that ended by a lost connection rather than by leaving. */
  drops: z.number().int().nonnegative(),
  /** Visits whose chosen provider was unavailable, so they ran on this one instead. */
  fallbacks: z.number().int().nonnegative(),
});
export type ProviderReport = z.infer<typeof ProviderReport>;

export const MediaPathShare = z.object({
  provider: ProviderType,
  /** ICE candidate type of the selected pair: host, srflx (server reflexive), prflx or relay. */
  candidateType: z.string(),
  /** udp, tcp or tls (relay over TLS). */
  transport: z.string(),
  sessions: z.number().int().nonnegative(),
});
export type MediaPathShare = z.infer<typeof MediaPathShare>;

export const FeedbackReport = z.object({
  provider: ProviderType,
  role: ParticipantRole,
  responses: z.number().int().nonnegative(),
  /** Ratings 1..5: how many of each (index 0 is 1 star). */
  ratings: z.array(z.number().int().nonnegative()).length(5),
  averageRating: z.number().nullable(),
  tags: z.record(FeedbackTag, z.number().int().nonnegative()),
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;

export const FeedbackComment = z.object({
  visitId: Id,
  provider: ProviderType,
  role: ParticipantRole,
  rating: z.number().int().nullable(),
  comment: z.string(),
  createdAt: z.iso.datetime(),
});
export type FeedbackComment = z.infer<typeof FeedbackComment>;

/** Every section of the reports page for one range and scope. */
export const Report = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** The facilities covered; null: every facility (an operator's report). */
  facilityIds: z.array(Id).nullable(),
  visitsPerDay: z.array(z.object({ day: z.iso.date(), visits: z.number().int().nonnegative() })),
  /** Seconds in the waiting room before being let in. */
  waitSeconds: Spread,
  /** Seconds from a visit's start to its end. */
  visitSeconds: Spread,
  providers: z.array(ProviderReport),
  mediaPaths: z.array(MediaPathShare),
  feedback: z.array(FeedbackReport),
  /** The latest comments, newest first (at most 20). */
  comments: z.array(FeedbackComment),
});
export type Report = z.infer<typeof Report>;

/**
 * What the browser knows of the call it just had, sent once from the call's end screen: the
 * timings from Join, reconnects, whether the call was lost, and the selected media path when
 * the browser could tell it. Every field may be missing (a call that never connected).
 */
export const CallRecordBody = z.strictObject({
  connectMs: z.number().int().min(0).max(600_000).nullable().default(null),
  firstFrameMs: z.number().int().min(0).max(600_000).nullable().default(null),
  reconnects: z.number().int().min(0).max(1000).default(0),
  /** The call ended because the connection was lost and could not be restored. */
  dropped: z.boolean().default(false),
  candidateType: z.enum(['host', 'srflx', 'prflx', 'relay']).nullable().default(null),
  transport: z.enum(['udp', 'tcp', 'tls']).nullable().default(null),
});
export type CallRecordBody = z.infer<typeof CallRecordBody>;

/** A rate with its sample and 95% Wilson interval. */
export const RateEstimate = z.object({
  events: z.number().int().nonnegative(),
  sample: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  low: z.number().min(0).max(1).nullable(),
  high: z.number().min(0).max(1).nullable(),
});
export type RateEstimate = z.infer<typeof RateEstimate>;

export const ComparisonMetric = z.object({
  id: z.enum(['join_error_rate', 'drop_rate', 'poor_rating_rate']),
  p2p: RateEstimate,
  livekit: RateEstimate,
  /** The provider whose rate is lower with intervals that do not overlap; null: no clear difference or too few. */
  better: ProviderType.nullable(),
});
export type ComparisonMetric = z.infer<typeof ComparisonMetric>;

/**
 * LiveKit against p2p over the range, for the default switch: what the numbers support, never an
 * automatic switch. `not_enough_data` until each provider has `minSample` join attempts.
 */
export const ProviderComparison = z.object({
  verdict: z.enum([
    'not_enough_data',
    'livekit_better',
    'p2p_better',
    'no_clear_difference',
    'mixed',
  ]),
  minSample: z.number().int().positive(),
  metrics: z.array(ComparisonMetric),
});
export type ProviderComparison = z.infer<typeof ProviderComparison>;

/** The report with the providers compared (the page's last section). */
export const FullReport = Report.extend({ comparison: ProviderComparison });
export type FullReport = z.infer<typeof FullReport>;
