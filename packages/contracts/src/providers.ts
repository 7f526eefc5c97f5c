// What a browser needs to join a visit, per provider, and what each provider can do.
import { z } from 'zod';
import { PROVIDER_TYPES } from './provider-types.ts';

/** A video provider's name, as `PROVIDER_TYPE`, the database and the API spell it. */
export const ProviderType = z.enum(PROVIDER_TYPES);
export type ProviderType = z.infer<typeof ProviderType>;

export const ParticipantRole = z.enum(['host', 'visitor']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const Capabilities = z.object({
  recording: z.boolean(),
  screenShare: z.boolean(),
  reactions: z.boolean(),
  chat: z.boolean(),
  maxParticipants: z.number().int().positive(),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

const common = {
  roomId: z.string(),
  identity: z.string(),
  displayName: z.string(),
  role: ParticipantRole,
  expiresAt: z.iso.datetime(),
  capabilities: Capabilities,
};

/** Join credentials, discriminated on `provider`: the web app picks its room implementation from it. */
export const JoinCredentials = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('livekit'), url: z.string(), token: z.string(), ...common }),
  z.object({
    provider: z.literal('p2p'),
    signalingUrl: z.string(),
    token: z.string(),
    iceServers: z.array(IceServer),
    /** `relay`: use TURN only (P2P_ICE_TRANSPORT_POLICY); absent means all candidates. */
    iceTransportPolicy: z.enum(['all', 'relay']).optional(),
    ...common,
  }),
]);
export type JoinCredentials = z.infer<typeof JoinCredentials>;

/** What the web app may know of the server's configuration (GET /api/v1/config). */
export const PublicConfig = z.object({
  featureLiveKit: z.boolean(),
  defaultProvider: ProviderType,
  /** Capabilities of each enabled provider. */
  providers: z.partialRecord(ProviderType, Capabilities),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
