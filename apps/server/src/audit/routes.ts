// The audit log, readable by facility administrators.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEvent, ListAuditQuery } from '@openconnect/contracts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { listAudit } from './audit-log.ts';

export const auditRoutes =
  ({ db }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          querystring: ListAuditQuery,
          response: { 200: z.array(AuditEvent) },
        },
      },
      async (request) => {
        const staff = await requireStaff({ db }, request);
        assertAdmin(staff);
        const { facilityId, limit, before } = request.query;
        if (facilityId) assertFacilityAccess(staff, facilityId);
        return listAudit(
          { db },
          {
            facilityIds: facilityId ? [facilityId] : staff.facilityIds,
            limit,
            before,
          },
        );
      },
    );
  };
