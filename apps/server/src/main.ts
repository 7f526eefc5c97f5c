// Entry point of `npm start`: configuration from the environment, then the server; prints where
// to sign in, and shuts down cleanly on SIGTERM/SIGINT.
import { startOpenConnect } from './start.ts';
import { ConfigError } from './config/load.ts';

// The process from start to exit in order (config, start, sign-in details, signals): kept whole
// so the shutdown sequence reads in one place.
async function main(): Promise<void> {
  let server;
  try {
    server = await startOpenConnect(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(
        `OpenConnect cannot start.\n${error.message}\nSee docs/providers/configuration.md.`,
      );
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const { config, bootstrap } = server;
  const lines = [
    '',
    `OpenConnect is running at ${config.publicUrl}`,
    `  database: ${server.database.kind === 'pglite' ? `embedded (${config.dataDir}/pglite)` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  const providerNames = server.providers.all().map((provider) => provider.type);
  lines.push(
    `  video providers: ${providerNames.join(', ')} (new visits use ${config.featureLiveKit && config.providerType === 'livekit' ? 'livekit' : 'p2p'})`,
  );
  if (server.embeddedLiveKit) {
    lines.push(
      `  LiveKit: built-in development server at ${server.embeddedLiveKit.url} (not for production)`,
    );
  }
  if (bootstrap) {
    lines.push(
      '',
      bootstrap.livekitFacilityId
        ? 'First run: created "Demo Care Home" (p2p, the default) and "Demo Clinic (LiveKit)" (pinned to LiveKit), and their administrator.'
        : 'First run: created the facility "Demo Care Home" and its administrator.',
      `  sign in as: ${bootstrap.email}`,
      bootstrap.generatedPassword
        ? `  password:   ${bootstrap.generatedPassword}   (shown only now; store it safely)`
        : '  password:   the value of OPENCONNECT_BOOTSTRAP_PASSWORD',
    );
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Error during shutdown', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('OpenConnect failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
