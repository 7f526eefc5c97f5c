// Facility and staff-account endpoints.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateFacilityBody,
  CreateStaffBody,
  Facility,
  FacilityDetail,
  IdParams,
  StaffMember,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { chooseProvider } from '../rollout/provider-policy.ts';
import type { Services } from '../services.ts';
import { createStaff } from '../staff/staff.ts';
import { createFacility, getFacility, listFacilities } from './facilities.ts';

export const facilityRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services;
    app.get(
      '/facilities',
      { schema: { tags: ['facilities'], response: { 200: z.array(Facility) } } },
      async (request) => listFacilities({ db }, await requireStaff({ db }, request)),
    );

    app.get(
      '/facilities/:id',
      { schema: { tags: ['facilities'], params: IdParams, response: { 200: FacilityDetail } } },
      async (request) => {
        const facility = await getFacility(
          { db },
          await requireStaff({ db }, request),
          request.params.id,
        );
        // What new visits here would use now (the rule, then availability), for the dashboard.
        const { provider, reason, fallback } = await chooseProvider(services, facility.id);
        return { ...facility, video: { provider, reason, fallback } };
      },
    );

    app.post(
      '/facilities',
      { schema: { tags: ['facilities'], body: CreateFacilityBody, response: { 201: Facility } } },
      async (request, reply) => {
        const facility = await createFacility({ db }, await requireStaff({ db }, request), {
          name: request.body.name,
          timezone: request.body.timezone ?? services.config.schedule.defaultTimeZone,
        });
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
