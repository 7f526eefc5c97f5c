// The visitor's pre-call check: what their browser measured (camera, microphone, speaker and a
// short WebRTC test through the visit's ICE servers), the short-lived ICE configuration the test
// uses, and the result as staff see it beside "Let in". Every field is bounded, so a stored
// result stays a few hundred bytes whatever a page sends.
import { z } from 'zod';
import { IceServer } from './providers.ts';

/** How a network measurement rates: the thresholds are in the web app's precall/grading.ts. */
export const PrecallGrade = z.enum(['good', 'fair', 'poor']);
export type PrecallGrade = z.infer<typeof PrecallGrade>;

const count = (max: number) => z.number().int().min(0).max(max);

/** What the visitor's browser measured. */
export const PrecallResult = z.strictObject({
  camera: z.strictObject({
    /** `ok`: frames arrived; `noFrames`: a track but no picture; `none`: no camera. */
    status: z.enum(['ok', 'noFrames', 'none']),
    width: count(16_384).nullable(),
    height: count(16_384).nullable(),
  }),
  microphone: z.strictObject({
    /** `ok`: sound above the noise floor was heard; `silent`: a track but no sound. */
    status: z.enum(['ok', 'silent', 'none']),
    /** Loudest level heard, 0–1. */
    peak: z.number().min(0).max(1),
  }),
  /** Whether the visitor said they heard the test tone. */
  speaker: z.enum(['heard', 'notHeard', 'skipped']),
  network: z.strictObject({
    grade: PrecallGrade,
    /** Whether the two test connections connected at all. */
    connected: z.boolean(),
    /** Whether the test went through a TURN relay (forced when the deployment has one). */
    relayed: z.boolean(),
    /** Median data-channel round trip, ms. */
    rttMs: count(60_000).nullable(),
    /** Achieved data-channel throughput, kbit/s. */
    bitrateKbps: count(10_000_000).nullable(),
    /** Packets lost on the test link, percent. */
    lossPercent: z.number().min(0).max(100).nullable(),
  }),
});
export type PrecallResult = z.infer<typeof PrecallResult>;

/** A result as stored on the waiting-room entry, with when the server received it. */
export const PrecallReport = PrecallResult.extend({ checkedAt: z.iso.datetime() });
export type PrecallReport = z.infer<typeof PrecallReport>;

/** Short-lived ICE configuration for a waiting visitor's network test. */
export const PrecallIceConfig = z.object({
  iceServers: z.array(IceServer),
  /** `relay` when the deployment has TURN: the test then goes through it, as a call would. */
  iceTransportPolicy: z.enum(['all', 'relay']),
  expiresAt: z.iso.datetime(),
});
export type PrecallIceConfig = z.infer<typeof PrecallIceConfig>;
