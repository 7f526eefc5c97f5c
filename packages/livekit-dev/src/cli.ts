// `livekit-dev`: runs the development server in the foreground and prints its URL and
// credentials, the way `livekit-server --dev` does. Ctrl-C closes rooms and flushes webhooks.
import { parseArgs } from 'node:util';
import { DEFAULT_PORT, DEV_API_KEY, DEV_API_SECRET } from './config.ts';
import { startLiveKitDevServer } from './server.ts';

const USAGE = `Usage: livekit-dev [options]

  --port <n>             TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>       interface to bind (default 127.0.0.1)
  --api-key <key>        API key (default ${DEV_API_KEY})
  --api-secret <secret>  API secret (default ${DEV_API_SECRET})
  --webhook <url>        send webhooks to this URL (repeatable)
  --recordings-dir <dir> where egress files are written
  --quiet                print only the startup lines
  --help                 show this help`;

/** Parses the command line, starts the server, and stops it on SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'recordings-dir': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be an integer between 0 and 65535, got ${values.port}`);
  }
  const server = await startLiveKitDevServer({
    port,
    host: values.host,
    apiKey: values['api-key'],
    apiSecret: values['api-secret'],
    webhookUrls: values.webhook,
    recordingsDir: values['recordings-dir'],
    log: values.quiet ? undefined : (message) => console.log(`[livekit-dev] ${message}`),
  });
  console.log(`LIVEKIT_URL=${server.url}`);
  console.log(`LIVEKIT_API_KEY=${server.apiKey}`);
  console.log(`LIVEKIT_API_SECRET=${server.apiSecret}`);
  console.log(`recordings: ${server.config.recordingsDir}`);
  console.log(
    'A development server: one process, in memory. Production uses a real LiveKit deployment.',
  );

  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`livekit-dev: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
