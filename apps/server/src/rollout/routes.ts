// Rollout endpoints for the admin page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  FacilityOverrideBody,
  IdParams,
  RolloutState,
  UpdateRolloutBody,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { rolloutState, setFacilityOverride, updateRollout } from './rollout-admin.ts';

export const rolloutRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/rollout',
      { schema: { tags: ['rollout'], response: { 200: RolloutState } } },
      async (request) => rolloutState(ctx, await requireStaff(ctx, request)),
    );
    app.put(
      '/rollout',
      { schema: { tags: ['rollout'], body: UpdateRolloutBody, response: { 200: RolloutState } } },
      async (request) => updateRollout(ctx, await requireStaff(ctx, request), request.body),
    );
    app.put(
      '/facilities/:id/provider-override',
      {
        schema: {
          tags: ['rollout'],
          params: IdParams,
          body: FacilityOverrideBody,
          response: { 200: RolloutState },
        },
      },
      async (request) =>
        setFacilityOverride(
          ctx,
          await requireStaff(ctx, request),
          request.params.id,
          request.body.override,
        ),
    );
  };
