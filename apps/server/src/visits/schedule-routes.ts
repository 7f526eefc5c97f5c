// Schedule endpoints: change a visit's start and end, extend a visit under way, a facility's
// schedule settings, its day plan (today and tomorrow) and its no-shows.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ExtendVisitBody,
  Facility,
  FacilitySchedule,
  FacilitySettingsBody,
  IdParams,
  NoShow,
  NoShowsQuery,
  UpdateVisitBody,
  Visit,
} from '@openconnect/contracts';
import { assertFacilityAccess } from '../auth/access.ts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { noShows } from './schedule.ts';
import {
  extendVisit,
  facilitySchedule,
  updateFacilitySettings,
  updateVisit,
} from './schedule-changes.ts';

export const scheduleRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx;
    app.patch(
      '/visits/:id',
      {
        schema: {
          tags: ['visits'],
          summary: "Change a visit's title, start or end (null clears them)",
          params: IdParams,
          body: UpdateVisitBody,
          response: { 200: Visit },
        },
      },
      async (request) =>
        updateVisit(ctx, await requireStaff({ db }, request), request.params.id, request.body),
    );

    app.post(
      '/visits/:id/extend',
      {
        schema: {
          tags: ['visits'],
          summary: "Add 5 or 15 minutes to a visit's end (facilities that allow it)",
          params: IdParams,
          body: ExtendVisitBody,
          response: { 200: Visit },
        },
      },
      async (request) =>
        extendVisit(
          ctx,
          await requireStaff({ db }, request),
          request.params.id,
          request.body.minutes,
        ),
    );

    app.patch(
      '/facilities/:id/settings',
      {
        schema: {
          tags: ['facilities'],
          summary: "Change a facility's time zone, waiting-room opening and end policy (admins)",
          params: IdParams,
          body: FacilitySettingsBody,
          response: { 200: Facility },
        },
      },
      async (request) =>
        updateFacilitySettings(
          { db },
          await requireStaff({ db }, request),
          request.params.id,
          request.body,
        ),
    );

    app.get(
      '/facilities/:id/schedule',
      {
        schema: {
          tags: ['facilities'],
          summary: "Today's and tomorrow's visits, in the facility's time zone",
          params: IdParams,
          response: { 200: FacilitySchedule },
        },
      },
      async (request) =>
        facilitySchedule({ db }, await requireStaff({ db }, request), request.params.id),
    );

    app.get(
      '/facilities/:id/no-shows',
      {
        schema: {
          tags: ['reports'],
          summary: 'Scheduled visits in a range whose end passed with no visitor having joined',
          params: IdParams,
          querystring: NoShowsQuery,
          response: { 200: z.array(NoShow) },
        },
      },
      async (request) => {
        const staff = await requireStaff({ db }, request);
        assertFacilityAccess(staff, request.params.id);
        const from = new Date(request.query.from);
        const to = new Date(request.query.to);
        if (to.getTime() <= from.getTime())
          throw new AppError('VALIDATION_FAILED', '`to` must be after `from`.', {
            issues: [{ path: 'to', message: '`to` must be after `from`.' }],
          });
        return noShows({ db }, request.params.id, { from, to });
      },
    );
  };
