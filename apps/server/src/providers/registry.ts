// The provider types OpenConnect knows, and the configuration each is built from.
import type { Config } from '../config/schema.ts';
import { livekitRegistration } from './livekit/index.ts';
import { p2pRegistration } from './p2p/p2p-provider.ts';
import { VideoProviderFactory, type ProviderType } from './video-provider-factory.ts';

/** Runtime values providers need beyond Config (secrets kept in the database). */
export interface ProviderRuntime {
  signalingSecret: string;
}

/** A factory with every built-in provider registered. */
export function createProviderFactory(): VideoProviderFactory {
  return new VideoProviderFactory().register(p2pRegistration).register(livekitRegistration);
}

/** The raw configuration for one provider type, validated by its registration's schema. */
export function providerConfigFor(
  type: ProviderType,
  config: Config,
  runtime: ProviderRuntime,
): unknown {
  switch (type) {
    case 'p2p':
      return {
        signalingUrl: `${config.publicUrl.replace(/^http/, 'ws')}/ws/p2p`,
        tokenSecret: runtime.signalingSecret,
        iceServers: config.p2p.iceServers,
        maxParticipants: config.p2p.maxParticipants,
      };
    case 'livekit':
      return {
        url: config.livekit.url,
        apiKey: config.livekit.apiKey,
        secret: config.livekit.secret,
        recordingsDir: config.recordingsDir,
        requestTimeoutSeconds: config.livekit.requestTimeoutSeconds,
      };
  }
}
