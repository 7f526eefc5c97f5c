// Follows providers that see joins and departures in this process (p2p signaling) and records
// them, as webhooks do for providers that report from elsewhere. A removed visitor seen joining
// is put out again.
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services.ts';
import { isRevoked } from '../lobby/lobby.ts';
import type { PresenceEvent } from '../providers/base-video-provider.ts';
import { markJoined, markLeft } from './participants.ts';

/** Subscribes to every provider that offers presence; returns the function that stops it. */
export function followPresence(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  log: FastifyBaseLogger,
): () => void {
  const stops = deps.providers.all().flatMap((provider) => {
    if (!provider.onPresence) return [];
    // Events are applied one after another, so a quick join-then-leave lands in that order.
    let queue = Promise.resolve();
    const apply = async (event: PresenceEvent) => {
      if (event.kind === 'left') return markLeft(deps, event.roomId, event.identity, 'left');
      if (await isRevoked(deps, event.identity)) {
        await provider.leaveRoom(event.roomId, event.identity).catch(() => undefined);
        return;
      }
      await markJoined(deps, event.roomId, event.identity, event.at);
    };
    return [
      provider.onPresence((event) => {
        queue = queue
          .then(() => apply(event))
          .catch((error: unknown) =>
            log.error({ err: error, provider: provider.type }, 'presence update failed'),
          );
      }),
    ];
  });
  return () => {
    for (const stop of stops) stop();
  };
}
