// Facility and staff-account endpoints.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateFacilityBody,
  CreateStaffBody,
  Facility,
  IdParams,
  StaffMember,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { createStaff } from '../staff/staff.ts';
import { createFacility, getFacility, listFacilities } from './facilities.ts';

export const facilityRoutes =
  ({ db }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/facilities',
      { schema: { tags: ['facilities'], response: { 200: z.array(Facility) } } },
      async (request) => listFacilities({ db }, await requireStaff({ db }, request)),
    );

    app.get(
      '/facilities/:id',
      { schema: { tags: ['facilities'], params: IdParams, response: { 200: Facility } } },
      async (request) =>
        getFacility({ db }, await requireStaff({ db }, request), request.params.id),
    );

    app.post(
      '/facilities',
      { schema: { tags: ['facilities'], body: CreateFacilityBody, response: { 201: Facility } } },
      async (request, reply) => {
        const facility = await createFacility(
          { db },
          await requireStaff({ db }, request),
          request.body,
        );
        return reply.status(201).send(facility);
      },
    );

    app.post(
      '/staff',
      { schema: { tags: ['staff'], body: CreateStaffBody, response: { 201: StaffMember } } },
      async (request, reply) => {
        const member = await createStaff({ db }, await requireStaff({ db }, request), request.body);
        return reply.status(201).send(member);
      },
    );
  };
