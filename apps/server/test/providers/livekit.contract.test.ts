// The provider contract for LiveKit, against the LiveKit-compatible development server with the
// real livekit-server-sdk and LiveKit's native client. No mocks.
import { dispose } from '@livekit/rtc-node';
import { startLiveKitDevServer } from '@openconnect/livekit-dev';
import { afterAll } from 'vitest';
import { LiveKitProvider } from '../../src/providers/livekit/index.ts';
import { LiveKitConfig } from '../../src/providers/livekit/livekit-provider.ts';
import { connectLiveKit } from '../support/livekit-client.ts';
import { providerContract } from '../support/provider-contract.ts';

afterAll(async () => {
  await dispose();
});

providerContract('livekit', async () => {
  const server = await startLiveKitDevServer({
    port: 0,
    apiKey: 'contract-key',
    apiSecret: 'contract-secret-0123456789',
  });
  const provider = new LiveKitProvider(
    LiveKitConfig.parse({
      url: server.url,
      apiKey: server.apiKey,
      secret: server.apiSecret,
      attempts: 1,
    }),
  );
  await provider.initialize();
  return {
    provider,
    connect: connectLiveKit,
    cleanup: async () => {
      await provider.close();
      await server.close();
    },
  };
});
