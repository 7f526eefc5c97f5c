// The audit log of privileged actions.
import { z } from 'zod';
import { Id } from './ids.ts';

export const AuditEvent = z.object({
  id: Id,
  actorId: Id.nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  facilityId: Id.nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const ListAuditQuery = z.strictObject({
  facilityId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime().optional(),
});
