// First run: a demo facility and its administrator, so a fresh install can be signed into.
// The password comes from OPENCONNECT_BOOTSTRAP_PASSWORD or is generated and shown once.
import { randomUUID } from 'node:crypto';
import type { Services } from '../services.ts';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit-log.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { Config } from '../config/schema.ts';

export const DEMO_FACILITY_NAME = 'Demo Care Home';
/** Seeded beside it when LiveKit is on, pinned to LiveKit, so a fresh start shows both providers. */
export const DEMO_LIVEKIT_FACILITY_NAME = 'Demo Clinic (LiveKit)';
const DEFAULT_ADMIN_EMAIL = 'admin@openconnect.local';

export interface BootstrapResult {
  facilityId: string;
  /** The LiveKit demo facility, when LiveKit was on at first start. */
  livekitFacilityId?: string;
  email: string;
  /** Present only when generated now: it is never stored in clear and never shown again. */
  generatedPassword?: string;
}

/** Seeds the demo facility and admin when the database has no staff; otherwise does nothing. */
// One transaction that writes the whole first-run seed; split, it would read in pieces that
// only make sense together.
export async function bootstrap(
  { db }: Pick<Services, 'db'>,
  config: Config,
): Promise<BootstrapResult | null> {
  const email = config.bootstrap.email ?? DEFAULT_ADMIN_EMAIL;
  const generated = config.bootstrap.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(config.bootstrap.password ?? (generated as string));
  return db.transaction().execute(async (tx) => {
    // Serialise concurrent first starts against one PostgreSQL server.
    await sql`select pg_advisory_xact_lock(7150001)`.execute(tx);
    const existing = await tx
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) return null;
    const facilityId = randomUUID();
    const adminId = randomUUID();
    await tx
      .insertInto('facilities')
      .values({ id: facilityId, name: DEMO_FACILITY_NAME, timezone: 'UTC' })
      .execute();
    await tx
      .insertInto('staff')
      .values({
        id: adminId,
        email,
        display_name: 'Administrator',
        password_hash: passwordHash,
        role: 'admin',
        disabled_at: null,
        is_operator: true,
      })
      .execute();
    await tx
      .insertInto('staff_facilities')
      .values({ staff_id: adminId, facility_id: facilityId })
      .execute();
    let livekitFacilityId: string | undefined;
    if (config.featureLiveKit) {
      livekitFacilityId = randomUUID();
      await tx
        .insertInto('facilities')
        .values({ id: livekitFacilityId, name: DEMO_LIVEKIT_FACILITY_NAME, timezone: 'UTC' })
        .execute();
      await tx
        .insertInto('staff_facilities')
        .values({ staff_id: adminId, facility_id: livekitFacilityId })
        .execute();
      await tx
        .insertInto('facility_provider_settings')
        .values({ facility_id: livekitFacilityId, override: 'livekit', updated_by: adminId })
        .execute();
    }
    await recordAudit(
      { db: tx },
      {
        actor: null,
        action: 'bootstrap.seed',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { adminEmail: email },
      },
    );
    return {
      facilityId,
      ...(livekitFacilityId ? { livekitFacilityId } : {}),
      email,
      ...(generated ? { generatedPassword: generated } : {}),
    };
  });
}
