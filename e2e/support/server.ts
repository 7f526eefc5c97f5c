// Starts a real OpenConnect server for a spec: fresh embedded database in a temporary folder, a
// known admin account, an ephemeral port, and the built web app. Call `close()` when done.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpenConnect } from '@openconnect/server';

// WEB_DIST_DIR lets a run use a build of its own (the server reads the same variable).
const webDist = path.resolve(
  process.env.WEB_DIST_DIR ??
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist'),
);

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The seeded admin's credentials. */
  readonly email: string;
  readonly password: string;
  close(): Promise<void>;
}

/** The seeded admin account of every test server. */
export const testAdmin = {
  email: 'admin@example.test',
  password: 'correct-horse-battery-staple',
} as const;

/** Starts a server on 127.0.0.1 with an empty database; `env` adds or overrides variables. */
export async function startTestServer(
  env: Record<string, string | undefined> = {},
): Promise<TestServer> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build` before the end-to-end specs.');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'openconnect-e2e-'));
  try {
    const server = await startOpenConnect({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: webDist,
      OPENCONNECT_BOOTSTRAP_EMAIL: testAdmin.email,
      OPENCONNECT_BOOTSTRAP_PASSWORD: testAdmin.password,
      ...env,
    });
    return {
      url: server.url,
      ...testAdmin,
      async close() {
        await server.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
