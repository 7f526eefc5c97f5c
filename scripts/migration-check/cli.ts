// `npm run migration:check`: the staging gate before widening the LiveKit rollout. See
// docs/operations/rollout.md ("The migration check") for what it checks and its settings.
import { dispose } from '@livekit/rtc-node';
import { runCli } from './run-cli.ts';

const { exitCode } = await runCli(process.env, (line) => console.log(line));
// LiveKit's native client keeps worker threads alive; release them so the process can end.
await dispose();
process.exit(exitCode);
