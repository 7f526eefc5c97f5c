// Provider webhooks: verified on the raw body by the provider, de-duplicated by event id, and
// applied idempotently so retries, duplicates and out-of-order delivery leave state right.
import { hasNoControlCharacters, isProviderName, PlainText } from '@openconnect/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import type { Services } from '../services.ts';
import { isRevoked } from '../lobby/lobby.ts';
import { markJoined, markLeft } from '../participants/participants.ts';
import type { BaseVideoProvider, ProviderWebhookEvent } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { applyRecordingUpdate } from '../recordings/recordings.ts';
import { sendError } from '../http/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookOutcome = 'applied' | 'duplicate';

// A signature proves who sent an event, not that its fields are fit to store: every string of
// it reaches SQL (a NUL byte there was a 500), so each is checked before use.
const storableText = z
  .string()
  .max(4096)
  .refine((value) => hasNoControlCharacters(value, true));
const VerifiedEvent = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'not an event id'),
  name: PlainText({ min: 0, max: 64 }),
  roomId: PlainText({ min: 0, max: 128 }).nullable(),
  identity: PlainText({ min: 0, max: 128 }).nullable(),
  recording: z
    .object({
      recordingId: PlainText({ max: 128 }),
      location: storableText.nullable(),
      error: storableText.nullable(),
    })
    .nullable(),
});

/** Applies one verified event; returns 'duplicate' when its id was seen before. */
export async function applyWebhook(
  deps: Pick<Services, 'db' | 'bus'>,
  provider: BaseVideoProvider,
  event: ProviderWebhookEvent,
): Promise<WebhookOutcome> {
  const inserted = await deps.db
    .insertInto('webhook_events')
    .values({
      id: event.id,
      provider: provider.type,
      event: event.name,
      created_at: event.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return 'duplicate';

  const roomId = event.roomId && UUID.test(event.roomId) ? event.roomId : null;
  switch (event.kind) {
    case 'participant_joined':
      if (!roomId || !event.identity) break;
      if (await isRevoked(deps, event.identity)) {
        // A removed visitor came back with an old token: put them out again at once.
        await provider.leaveRoom(roomId, event.identity).catch((error: unknown) => {
          // Already gone again is fine; anything else must be visible to operators.
          if (!(error instanceof ProviderError && error.code === 'PARTICIPANT_NOT_FOUND'))
            throw error;
        });
        const room = await deps.db
          .selectFrom('rooms')
          .select('facility_id')
          .where('id', '=', roomId)
          .executeTakeFirst();
        await recordAudit(deps, {
          actor: null,
          action: 'participant.rejoin_refused',
          targetType: 'participant',
          targetId: event.identity,
          facilityId: room?.facility_id ?? null,
          details: { visitId: roomId, provider: provider.type },
        });
        break;
      }
      await markJoined(deps, roomId, event.identity, event.createdAt ?? new Date());
      break;
    case 'participant_left':
      // A "left" that overtakes its "joined" still closes the row; the late "joined" is ignored.
      if (roomId && event.identity) await markLeft(deps, roomId, event.identity, 'left');
      break;
    case 'recording_started':
    case 'recording_updated':
    case 'recording_ended':
      if (event.recording) await applyRecordingUpdate(deps, provider.type, event.recording);
      break;
    default:
      break;
  }
  return 'applied';
}

/** `POST /api/v1/webhooks/livekit`: the raw body is kept for signature verification. */
// Long by listing: verify, check freshness and shape, de-duplicate, apply, answer — in order.
export const providerWebhookRoutes =
  (ctx: Services, onApplied?: (event: ProviderWebhookEvent) => void): FastifyPluginAsync =>
  async (app) => {
    const rawJson = (
      _req: unknown,
      body: string,
      done: (err: Error | null, body?: unknown) => void,
    ) => done(null, body);
    app.addContentTypeParser(
      ['application/webhook+json', 'application/json'],
      { parseAs: 'string' },
      rawJson,
    );

    app.post(
      '/webhooks/:provider',
      { config: { public: true }, schema: { hide: true } },
      async (request, reply) => {
        const name = (request.params as { provider: string }).provider;
        const provider = isProviderName(name) ? ctx.providers.get(name) : undefined;
        if (!provider?.receiveWebhook) {
          return sendError(reply, request, 'NOT_FOUND', `No webhooks are accepted for "${name}".`);
        }
        let event: ProviderWebhookEvent;
        try {
          event = await provider.receiveWebhook(
            String(request.body ?? ''),
            request.headers.authorization,
          );
        } catch (error) {
          if (error instanceof ProviderError && error.code === 'PERMISSION_DENIED') {
            request.log.warn({ err: error.cause }, 'rejected a webhook with a bad signature');
            return sendError(
              reply,
              request,
              'UNAUTHENTICATED',
              'The webhook signature is not valid.',
            );
          }
          throw error;
        }
        const checked = VerifiedEvent.safeParse(event);
        if (!checked.success) {
          ctx.metrics.webhooksRefused.inc({ provider: provider.type, reason: 'invalid' });
          return sendError(
            reply,
            request,
            'VALIDATION_FAILED',
            'The webhook event has fields that cannot be stored.',
            checked.error.issues.map((issue) => ({ path: issue.path.join('.') })),
          );
        }
        // A valid signature never expires on its own: without a freshness window (either side
        // of now, for clock skew), a webhook captured once (a "joined", a recording state) could
        // be replayed against us for ever.
        const age = event.createdAt ? Date.now() - event.createdAt.getTime() : Infinity;
        if (!(Math.abs(age) <= ctx.config.webhookMaxAgeMs)) {
          ctx.metrics.webhooksRefused.inc({ provider: provider.type, reason: 'stale' });
          request.log.warn({ provider: provider.type, ageMs: age }, 'refused a stale webhook');
          return sendError(
            reply,
            request,
            'UNAUTHENTICATED',
            'The webhook is too old to be trusted; send events as they happen.',
          );
        }
        ctx.metrics.webhookLag.observe({ provider: provider.type }, Math.max(0, age / 1000));
        const outcome = await applyWebhook(ctx, provider, event);
        if (outcome === 'applied') onApplied?.(event);
        return reply.status(200).send({ status: outcome });
      },
    );
  };
