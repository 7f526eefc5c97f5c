// The LiveKit provider's registration in the VideoProviderFactory.
import type { ProviderRegistration } from '../video-provider-factory.ts';
import { LiveKitConfig, LiveKitProvider } from './livekit-provider.ts';

export const livekitRegistration: ProviderRegistration<typeof LiveKitConfig> = {
  type: 'livekit',
  configSchema: LiveKitConfig,
  create: (config) => new LiveKitProvider(config),
};

export { LiveKitProvider, LiveKitConfig };
