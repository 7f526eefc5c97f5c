// The one schema for every environment variable OpenConnect reads. Parsed once at start
// (`loadConfig`); nothing else reads process.env. Defaults make `npm start` work with nothing set.
import path from 'node:path';
import { isTimeZone, LEGACY_PROVIDER, ProviderType } from '@openconnect/contracts';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ error: 'must be an absolute http(s) URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  TRUST_PROXY: bool.default(false),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  OPENCONNECT_BOOTSTRAP_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  OPENCONNECT_BOOTSTRAP_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .max(1024)
    .optional(),
  PROVIDER_TYPE: ProviderType.default(LEGACY_PROVIDER),
  /** Default: on in development (served by the built-in development server), off otherwise. */
  FEATURE_LIVEKIT: bool.optional(),
  LIVEKIT_URL: z
    .url({ error: 'must be a ws://, wss://, http:// or https:// URL' })
    .refine(
      (v) => /^(wss?|https?):\/\//.test(v),
      'must be a ws://, wss://, http:// or https:// URL',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LIVEKIT_API_KEY: optionalString,
  LIVEKIT_SECRET: optionalString,
  RECORDINGS_DIR: z.string().trim().min(1).optional(),
  /** Days a recording is kept after it ends; unset keeps recordings until staff delete them. */
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  LIVEKIT_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(5),
  P2P_ICE_SERVERS: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return iceServers.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a JSON array like [{"urls":"stun:stun.example.org:3478"}]',
        });
        return z.NEVER;
      }
    }),
  P2P_MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(8).default(4),
  /** `relay`: browsers of p2p visits use TURN only. */
  P2P_ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  /** A TURN deployment with coturn's `use-auth-secret`: comma-separated turn:/turns: URLs. */
  TURN_URLS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .refine((urls) => urls.every((url) => /^turns?:/.test(url)), {
      message: 'must be comma-separated turn: or turns: URLs',
    })
    .optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(600),
  SIGNALING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  METRICS_TOKEN: optionalString,
  /** The built web app to serve; default: apps/web/dist of this checkout. */
  WEB_DIST_DIR: z.string().trim().min(1).optional(),
  /** Where invitation emails go out: smtp:// or smtps:// with credentials; unset: logged only. */
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The From of invitation emails; default: OpenConnect <no-reply@PUBLIC_URL's host>. */
  MAIL_FROM: z.string().trim().min(3).max(254).optional(),
  WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** The time zone of a facility created without one (an IANA name). */
  FACILITY_DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/London or UTC')
    .default('UTC'),
  /** How often each instance looks for scheduled visits whose end has come. */
  SCHEDULE_END_CHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  // When LiveKit counts as stable enough to become the default (the rollout page's criteria).
  ROLLOUT_STABLE_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  ROLLOUT_STABLE_MAX_JOIN_FAILURE_PERCENT: z.coerce.number().min(0).max(100).default(2),
  ROLLOUT_STABLE_MIN_JOINS: z.coerce.number().int().min(1).max(1_000_000).default(200),
  ROLLOUT_STABLE_MAX_FALLBACK_PERCENT: z.coerce.number().min(0).max(100).default(1),
  ROLLOUT_STABLE_MIN_VISITS: z.coerce.number().int().min(1).max(1_000_000).default(100),
  ROLLOUT_STABLE_MAX_FIRST_FRAME_SECONDS: z.coerce.number().positive().max(60).default(5),
  ROLLOUT_STABLE_MIN_FRAME_REPORTS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  ROLLOUT_STABLE_MAX_POOR_FEEDBACK_PERCENT: z.coerce.number().min(0).max(100).default(10),
  ROLLOUT_STABLE_MIN_FEEDBACK: z.coerce.number().int().min(1).max(1_000_000).default(30),
});

const iceServers = z.array(
  z.strictObject({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

export type Env = z.infer<typeof envSchema>;

/** The parsed, frozen configuration passed down from `main`. */
export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  /** Absolute URL visitors use; invite links are built on it. */
  readonly publicUrl: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly bodyLimitBytes: number;
  readonly trustProxy: boolean;
  readonly sessionTtlMs: number;
  readonly bootstrap: { readonly email?: string; readonly password?: string };
  readonly providerType: Env['PROVIDER_TYPE'];
  readonly featureLiveKit: boolean;
  readonly livekit: {
    readonly url?: string;
    readonly apiKey?: string;
    readonly secret?: string;
    readonly requestTimeoutSeconds: number;
  };
  readonly recordingsDir: string;
  /** Invitations by email: the SMTP server (none: only logged) and the From address. */
  readonly notify: { readonly smtpUrl: string | undefined; readonly mailFrom: string };
  /** Recordings older than this many days are deleted; undefined keeps them. */
  readonly recordingRetentionDays: number | undefined;
  readonly webDistDir: string;
  readonly p2p: {
    readonly iceServers: Env['P2P_ICE_SERVERS'];
    readonly maxParticipants: number;
    readonly iceTransportPolicy: Env['P2P_ICE_TRANSPORT_POLICY'];
    /** TURN credentials issued with each join (coturn `use-auth-secret`); undefined: none. */
    readonly turn:
      { readonly urls: string[]; readonly secret: string; readonly ttlSeconds: number } | undefined;
  };
  /** Signs p2p signaling tokens; when unset, a secret generated once is kept in the database. */
  readonly signalingSecret: string | undefined;
  /** When set, /metrics needs `Authorization: Bearer <token>`; production requires it. */
  readonly metricsToken: string | undefined;
  /** Signed webhooks older than this are refused as replays. */
  readonly webhookMaxAgeMs: number;
  /** Thresholds and minimum samples of the criteria that make LiveKit the default. */
  readonly stability: StabilityThresholds;
  /** Scheduled visits: new facilities' time zone, and how often due visits are ended. */
  readonly schedule: { readonly defaultTimeZone: string; readonly endCheckMs: number };
}

export interface StabilityThresholds {
  readonly windowDays: number;
  readonly maxJoinFailurePercent: number;
  readonly minJoins: number;
  readonly maxFallbackPercent: number;
  readonly minVisits: number;
  /** p95 of browsers' time from admission to the first remote frame. */
  readonly maxFirstFrameSeconds: number;
  readonly minFrameReports: number;
  /** Feedback on LiveKit calls that reports a problem (rating 1–2, or a problem ticked). */
  readonly maxPoorFeedbackPercent: number;
  readonly minFeedback: number;
}

export function toConfig(env: Env, webDistDir: string): Config {
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(env.DATA_DIR);
  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    logLevel: env.LOG_LEVEL,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    bootstrap: Object.freeze({
      email: env.OPENCONNECT_BOOTSTRAP_EMAIL,
      password: env.OPENCONNECT_BOOTSTRAP_PASSWORD,
    }),
    providerType: env.PROVIDER_TYPE,
    featureLiveKit: env.FEATURE_LIVEKIT ?? env.NODE_ENV === 'development',
    livekit: Object.freeze({
      url: env.LIVEKIT_URL,
      apiKey: env.LIVEKIT_API_KEY,
      secret: env.LIVEKIT_SECRET,
      requestTimeoutSeconds: env.LIVEKIT_REQUEST_TIMEOUT_SECONDS,
    }),
    recordingsDir: path.resolve(env.RECORDINGS_DIR ?? path.join(dataDir, 'recordings')),
    notify: Object.freeze({
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM ?? `OpenConnect <no-reply@${new URL(publicUrl).hostname}>`,
    }),
    recordingRetentionDays: env.RECORDING_RETENTION_DAYS,
    webDistDir: env.WEB_DIST_DIR ? path.resolve(env.WEB_DIST_DIR) : webDistDir,
    p2p: Object.freeze({
      iceServers: env.P2P_ICE_SERVERS,
      maxParticipants: env.P2P_MAX_PARTICIPANTS,
      iceTransportPolicy: env.P2P_ICE_TRANSPORT_POLICY,
      turn:
        env.TURN_URLS?.length && env.TURN_SECRET
          ? Object.freeze({
              urls: env.TURN_URLS,
              secret: env.TURN_SECRET,
              ttlSeconds: env.TURN_TTL_SECONDS,
            })
          : undefined,
    }),
    signalingSecret: env.SIGNALING_SECRET,
    metricsToken: env.METRICS_TOKEN,
    webhookMaxAgeMs: env.WEBHOOK_MAX_AGE_SECONDS * 1000,
    schedule: Object.freeze({
      defaultTimeZone: env.FACILITY_DEFAULT_TIMEZONE,
      endCheckMs: env.SCHEDULE_END_CHECK_SECONDS * 1000,
    }),
    stability: Object.freeze({
      windowDays: env.ROLLOUT_STABLE_WINDOW_DAYS,
      maxJoinFailurePercent: env.ROLLOUT_STABLE_MAX_JOIN_FAILURE_PERCENT,
      minJoins: env.ROLLOUT_STABLE_MIN_JOINS,
      maxFallbackPercent: env.ROLLOUT_STABLE_MAX_FALLBACK_PERCENT,
      minVisits: env.ROLLOUT_STABLE_MIN_VISITS,
      maxFirstFrameSeconds: env.ROLLOUT_STABLE_MAX_FIRST_FRAME_SECONDS,
      minFrameReports: env.ROLLOUT_STABLE_MIN_FRAME_REPORTS,
      maxPoorFeedbackPercent: env.ROLLOUT_STABLE_MAX_POOR_FEEDBACK_PERCENT,
      minFeedback: env.ROLLOUT_STABLE_MIN_FEEDBACK,
    }),
  });
}
