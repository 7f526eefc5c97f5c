// `GET /api/v1/config`: what the web app may know of the configuration — the LiveKit gate, the
// default provider and each enabled provider's capabilities — so the UI hides what can't work.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PublicConfig } from '@openconnect/contracts';
import type { Services } from '../services.ts';

export const publicConfigRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/config',
      { config: { public: true }, schema: { tags: ['config'], response: { 200: PublicConfig } } },
      async () => ({
        featureLiveKit: ctx.config.featureLiveKit,
        defaultProvider: ctx.config.featureLiveKit ? ctx.config.providerType : 'p2p',
        providers: Object.fromEntries(ctx.providers.all().map((p) => [p.type, p.capabilities])),
      }),
    );
  };
