// The audit log: every privileged action is written here, in the same transaction as the action
// where there is one, so the log and the data never disagree.
import { randomUUID } from 'node:crypto';
import type { Services } from '../services.ts';
import type { AuditEvent } from '@openconnect/contracts';
import type { AuditEventRow } from '../storage/tables.ts';

export interface Actor {
  id: string;
  email: string;
}

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  facilityId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one audit event using `db` (pass a transaction to make it atomic with the action). */
export async function recordAudit({ db }: Pick<Services, 'db'>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: randomUUID(),
      actor_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      facility_id: entry.facilityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Lists audit events, newest first, limited to the given facilities (null = any). */
export async function listAudit(
  { db }: Pick<Services, 'db'>,
  options: { facilityIds: string[]; limit: number; before?: string | undefined },
): Promise<AuditEvent[]> {
  if (options.facilityIds.length === 0) return [];
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('facility_id', 'in', options.facilityIds)
    .orderBy('created_at', 'desc')
    .limit(options.limit);
  if (options.before) query = query.where('created_at', '<', new Date(options.before));
  const rows = await query.execute();
  return rows.map(toAuditEvent);
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    facilityId: row.facility_id,
    details: row.details,
    createdAt: row.created_at.toISOString(),
  };
}
