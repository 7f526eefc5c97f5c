// The p2p provider's registration: the legacy provider, which always runs (rollback and fallback
// return to it), with its signaling on this server's own `/ws/p2p`.
import { defineProvider } from '../video-provider-factory.ts';
import { P2PConfig, P2PProvider } from './p2p-provider.ts';

export const p2pRegistration = defineProvider({
  type: 'p2p',
  configSchema: P2PConfig,
  enabled: () => true,
  configFrom: (config, runtime) => ({
    signalingUrl: `${config.publicUrl.replace(/^http/, 'ws')}/ws/p2p`,
    tokenSecret: runtime.signalingSecret,
    iceServers: config.p2p.iceServers,
    maxParticipants: config.p2p.maxParticipants,
    turn: config.p2p.turn,
    iceTransportPolicy: config.p2p.iceTransportPolicy,
  }),
  // Rooms, tokens and members live in the database and signaling crosses instances on the bus.
  create: (config, runtime) => new P2PProvider(config, { db: runtime.db, bus: runtime.bus }),
});

export { P2PConfig, P2PProvider };
