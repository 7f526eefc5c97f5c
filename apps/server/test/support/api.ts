// An API test harness: the real application over a real database, driven with Fastify's inject.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Invite, LobbyTicket, Visit, VisitParticipant } from '@openconnect/contracts';
import { buildApp } from '../../src/app.ts';
import { closeServerContext, createServerContext } from '../../src/server-context.ts';
import type { ProviderHealthOptions } from '../../src/rollout/provider-health.ts';
import { LocalEventBus } from '../../src/push/event-bus.ts';
import { followPresence } from '../../src/participants/presence.ts';
import type { Services } from '../../src/services.ts';
import { bootstrap } from '../../src/bootstrap/seed.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import type { Backend, TestDatabase } from './databases.ts';

export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'a-long-test-password';

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly database: TestDatabase;
  readonly demoFacilityId: string;
  /** The same context the routes use, for driving domain modules directly. */
  readonly ctx: Services;
  request(
    options: InjectOptions & { cookie?: string | undefined },
  ): Promise<LightMyRequestResponse>;
  /** Signs in and returns the session cookie ("oc_session=…"). */
  signIn(email?: string, password?: string): Promise<string>;
  /** Creates a visit in the demo facility (or the one given). */
  createVisit(cookie: string, title: string, facilityId?: string): Promise<Visit>;
  /** Creates a visit and an invite to it. */
  visitWithInvite(cookie: string, title: string): Promise<{ visitId: string; code: string }>;
  /** A visitor asks to join from an invite link. */
  knock(code: string, displayName: string): Promise<LobbyTicket>;
  /** The visit's current participants, as staff see them. */
  participants(cookie: string, visitId: string): Promise<VisitParticipant[]>;
  close(): Promise<void>;
}

export async function createApiHarness(
  backend: Backend,
  env: Record<string, string> = {},
  health?: ProviderHealthOptions,
  /** Receives the app's log lines (set LOG_LEVEL in `env` too). */
  logStream?: { write(line: string): void },
): Promise<ApiHarness> {
  const database = await backend.create();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    FEATURE_LIVEKIT: 'false',
    PUBLIC_URL: 'http://openconnect.test',
    OPENCONNECT_BOOTSTRAP_EMAIL: ADMIN_EMAIL,
    OPENCONNECT_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
    ...database.env,
    ...env,
  });
  const seeded = await bootstrap(database.handle, config);
  if (!seeded) throw new Error('a fresh test database should be seeded');
  const bus = new LocalEventBus();
  const ctx = await createServerContext({
    config,
    database: database.handle,
    bus,
    ...(health ? { health } : {}),
  });
  const app = await buildApp(ctx, logStream ? { logStream } : {});
  await app.ready();
  const stopPresence = followPresence(ctx, app.log);

  const request: ApiHarness['request'] = ({ cookie, headers, ...options }) =>
    app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...headers } });

  const harness: ApiHarness = {
    app,
    config,
    database,
    demoFacilityId: seeded.facilityId,
    ctx,
    request,
    async signIn(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
      const res = await request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'oc_session');
      if (!cookie) throw new Error('no session cookie');
      return `oc_session=${cookie.value}`;
    },
    async createVisit(cookie, title, facilityId = seeded.facilityId) {
      const res = await request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie,
        payload: { facilityId, title },
      });
      if (res.statusCode !== 201)
        throw new Error(`creating a visit failed: ${res.statusCode} ${res.body}`);
      return res.json<Visit>();
    },
    async visitWithInvite(cookie, title) {
      const visit = await harness.createVisit(cookie, title);
      const res = await request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/invites`,
        cookie,
        payload: {},
      });
      if (res.statusCode !== 201)
        throw new Error(`creating an invite failed: ${res.statusCode} ${res.body}`);
      return { visitId: visit.id, code: res.json<Invite>().code };
    },
    async knock(code, displayName) {
      const res = await request({
        method: 'POST',
        url: `/api/v1/invites/${code}/lobby`,
        payload: { displayName },
      });
      if (res.statusCode !== 201) throw new Error(`knocking failed: ${res.statusCode} ${res.body}`);
      return res.json<LobbyTicket>();
    },
    async participants(cookie, visitId) {
      const res = await request({
        method: 'GET',
        url: `/api/v1/visits/${visitId}/participants`,
        cookie,
      });
      return res.json<VisitParticipant[]>();
    },
    async close() {
      stopPresence();
      await app.close();
      await closeServerContext(ctx);
      await bus.close();
      await database.drop();
    },
  };
  return harness;
}
