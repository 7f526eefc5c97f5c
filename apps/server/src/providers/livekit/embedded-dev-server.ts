// The LiveKit-compatible development server, started in-process when LiveKit is enabled but no
// LIVEKIT_URL is given (never in production). It gets a fresh random secret on every start and
// sends its webhooks to this server.
import { randomBytes } from 'node:crypto';

export interface EmbeddedLiveKit {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  close(): Promise<void>;
}

/** Starts the development server on a free port of `host`. */
export async function startEmbeddedLiveKit(options: {
  host: string;
  recordingsDir: string;
  webhookUrl: string;
  log?: (message: string) => void;
}): Promise<EmbeddedLiveKit> {
  // Loaded only when needed: production deployments never import the development server.
  const { startLiveKitDevServer } = await import('@openconnect/livekit-dev');
  const server = await startLiveKitDevServer({
    host: options.host,
    port: 0,
    apiKey: 'openconnect-dev',
    apiSecret: randomBytes(32).toString('base64url'),
    webhookUrls: [options.webhookUrl],
    recordingsDir: options.recordingsDir,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    url: server.url,
    apiKey: server.apiKey,
    apiSecret: server.apiSecret,
    close: () => server.close(),
  };
}
