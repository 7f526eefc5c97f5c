#!/usr/bin/env node
// Entry point of `npx livekit-dev`: registers tsx so the TypeScript sources run as they are, then
// starts the command-line interface.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
