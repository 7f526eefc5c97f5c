// Vite build of the web app (React's API on Preact, see react-on-preact.ts), output to dist/ (served by the server), and a development
// proxy that sends API, health and real-time traffic to the server on port 3000.
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';
import { reactOnPreact } from './react-on-preact.ts';
import { precompress } from './scripts/precompress.ts';

/**
 * livekit-client's own TypeScript sources (the package ships them beside its one-file build):
 * bundled from its modules, the LiveKit chunk keeps only what the call reaches, in modern
 * syntax, instead of the whole pre-built file (about 7 KB gzip less).
 */
const liveKitSources = path.join(
  path.dirname(createRequire(import.meta.url).resolve('livekit-client')),
  '../src/index.ts',
);

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [precompress()],
  resolve: {
    alias: [{ find: /^livekit-client$/, replacement: liveKitSources }, ...reactOnPreact],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets scripts/check-size.ts find what the invite page loads up front.
    manifest: true,
    // Every browser the app supports has <link rel="modulepreload">; the polyfill only cost bytes
    // in the visitor's entry.
    modulePreload: { polyfill: false },
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The visitor's waiting room in one chunk with the small modules it shares with staff
          // pages: many tiny chunks would each cost the visitor a request and gzip overhead.
          groups: [
            {
              name: 'waiting-room',
              test: /\/src\/(lobby\/(?!ticket-storage)|realtime\/|store\/|ui\/TextField|rooms\/video-room\/StreamVideo)/,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': server,
      '/healthz': server,
      '/rtc': { target: server, ws: true },
      '/ws': { target: server, ws: true },
    },
  },
});
