// The provider contract against the p2p provider: its real signaling routes on a real Fastify
// server, and clients that connect over a real WebSocket like browsers do.
import { providerContract } from '../support/provider-contract.ts';
import { joinWith, startP2PServer } from './p2p-fixture.ts';

providerContract('p2p', async () => {
  const server = await startP2PServer();
  return {
    provider: server.provider,
    async connect(credentials) {
      const client = await joinWith(credentials);
      return {
        disconnected: client.closed.then(() => undefined),
        close: () => client.close(),
      };
    },
    cleanup: () => server.close(),
  };
});
