// `npm run migration:check`: the staging gate before widening the LiveKit rollout. See
// docs/operations/rollout.md ("The migration check") for what it checks and its settings.

// LiveKit's native client logs at debug level to stdout unless NODE_ENV is production, which
// would bury the report; so it is set before the client loads (nothing else here reads it).
process.env.NODE_ENV ??= 'production';
const { runCli } = await import('./run-cli.ts');
const { dispose } = await import('@livekit/rtc-node');

const { exitCode } = await runCli(process.env, (line) => console.log(line));
// LiveKit's native client keeps worker threads alive; release them so the process can end.
await dispose();
process.exit(exitCode);
