// Test projects: unit tests beside the code, integration tests (real database, real servers) in
// each workspace's (or root script's) test/ folder, media tests (the integration tests that carry
// real audio and video through the LiveKit-compatible server), and browser end-to-end specs in e2e/.

/**
 * Integration tests that carry real media: browsers or rtc-node through livekit-dev (its SFU
 * encrypts and forwards every packet in JavaScript). Two of them at once on a two-core machine
 * starve each other's frames, so they run one file at a time, apart from the rest.
 */
const media = [
  'packages/livekit-dev/test/browser-meet.test.ts',
  'packages/livekit-dev/test/browser-room.test.ts',
  'packages/livekit-dev/test/recording-webm.test.ts',
  'packages/livekit-dev/test/rtc-node-media.test.ts',
  'packages/livekit-dev/test/signal-reconnect.test.ts',
  'packages/livekit-dev/test/simulcast-routing.test.ts',
  'apps/server/test/providers/livekit-visit.test.ts',
  'scripts/migration-check/test/migration-check.test.ts',
];
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { reactOnPreact } from './apps/web/react-on-preact.ts';

export default defineConfig({
  test: {
    // At least two files at once, also on a two-core machine (Vitest's default there is one):
    // integration files spend much of their time waiting on servers, browsers and timers, and
    // each has its own database, ports and directories. The media and e2e projects run one file at
    // a time, each in its own run (package.json's test script).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'apps/*/src/**/*.test.{ts,tsx}',
            'packages/*/src/**/*.test.ts',
            'docs/**/*.test.ts',
          ],
          environment: 'node',
        },
        // The web app's components render on Preact here too, as in the build.
        resolve: { alias: reactOnPreact },
      },
      {
        test: {
          name: 'integration',
          include: [
            'apps/*/test/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'scripts/*/test/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...media],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'media',
          include: media,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
