// The LiveKit provider's registration. LiveKit runs whenever it is configured, even with the gate
// closed: visits already on it finish there, and the gate can be reopened without a restart.
import { defineProvider } from '../video-provider-factory.ts';
import { LiveKitConfig, LiveKitProvider } from './livekit-provider.ts';

export const livekitRegistration = defineProvider({
  type: 'livekit',
  configSchema: LiveKitConfig,
  enabled: (config) => config.featureLiveKit || Boolean(config.livekit.url),
  configFrom: (config) => ({
    url: config.livekit.url,
    apiKey: config.livekit.apiKey,
    secret: config.livekit.secret,
    recordingsDir: config.recordingsDir,
    requestTimeoutSeconds: config.livekit.requestTimeoutSeconds,
  }),
  create: (config) => new LiveKitProvider(config),
});

export { LiveKitProvider, LiveKitConfig };
