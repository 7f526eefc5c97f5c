// Rollout endpoints for the admin page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DefaultProviderState,
  FacilityOverrideBody,
  IdParams,
  RolloutState,
  SetDefaultProviderBody,
  StabilityQuery,
  StabilityReport,
  UpdateRolloutBody,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { assertOperator, defaultProviderState, setDefaultProvider } from './default-switch.ts';
import { rolloutState, setFacilityOverride, updateRollout } from './rollout-admin.ts';
import { stabilityReport } from './stability.ts';

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
    app.get(
      '/rollout/stability',
      {
        schema: {
          tags: ['rollout'],
          description:
            'Operators only. Whether LiveKit is stable enough to become the default: each criterion met, not met or without enough data, with its measured value, threshold and samples (thresholds: ROLLOUT_STABLE_*).',
          querystring: StabilityQuery,
          response: { 200: StabilityReport },
        },
      },
      async (request) => {
        assertOperator(await requireStaff(ctx, request));
        return stabilityReport(ctx, request.query.facilityIds);
      },
    );
    app.get(
      '/rollout/default-provider',
      {
        schema: {
          tags: ['rollout'],
          description:
            'Operators only. The default provider and who set it, the change on offer (switch or rollback) with the facilities it would move, and the facilities still on p2p with why.',
          response: { 200: DefaultProviderState },
        },
      },
      async (request) => defaultProviderState(ctx, await requireStaff(ctx, request)),
    );
    app.put(
      '/rollout/default-provider',
      {
        schema: {
          tags: ['rollout'],
          description:
            'Operators only, audited. `livekit` switches the default to LiveKit (rollout.default_switch), `p2p` rolls it back (rollout.default_rollback), both setting the percentage to 0; null follows PROVIDER_TYPE again. Visits under way keep their provider.',
          body: SetDefaultProviderBody,
          response: { 200: DefaultProviderState },
        },
      },
      async (request) => setDefaultProvider(ctx, await requireStaff(ctx, request), request.body),
    );
  };
