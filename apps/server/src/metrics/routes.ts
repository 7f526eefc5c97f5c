// `/metrics` for Prometheus (behind METRICS_TOKEN when set), and `/api/v1/telemetry` where
// browsers report time-to-connected, time-to-first-frame and reconnects.
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TelemetryBody } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { sendError } from '../http/errors.ts';

export const metricsRoute =
  (ctx: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const token = ctx.config.metricsToken;
      if (token && request.headers.authorization !== `Bearer ${token}`) {
        return sendError(
          reply,
          request,
          'UNAUTHENTICATED',
          'Metrics need the METRICS_TOKEN bearer token.',
        );
      }
      reply.type(ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    });
  };

export const telemetryRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Browsers of visitors report too, so the endpoint is public; a budget per address keeps it honest.
    const perAddress = new RateLimiter(120, 60_000);
    app.post(
      '/telemetry',
      {
        config: { public: true },
        schema: { tags: ['telemetry'], body: TelemetryBody, response: { 204: z.null() } },
      },
      async (request, reply) => {
        if (perAddress.hit(request.ip) > 0) throw new AppError('RATE_LIMITED', 'Too many reports.');
        const { provider, kind, valueMs } = request.body;
        if (kind === 'reconnect') ctx.metrics.clientReconnects.inc({ provider });
        else if (valueMs === undefined)
          throw new AppError('VALIDATION_FAILED', 'valueMs is required for timings.');
        else if (kind === 'time_to_connected')
          ctx.metrics.clientConnected.observe({ provider }, valueMs / 1000);
        else ctx.metrics.clientFirstFrame.observe({ provider }, valueMs / 1000);
        return reply.status(204).send(null);
      },
    );
  };
