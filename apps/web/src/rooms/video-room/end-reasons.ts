// What to tell someone whose call ended, by why it ended.
import type { PlainKey } from '../../i18n/t.ts';
import type { DisconnectReason } from '../room-types.ts';

const messages: Record<DisconnectReason, PlainKey> = {
  left: 'room.ended.left',
  kicked: 'room.ended.kicked',
  'room-closed': 'room.ended.closed',
  'room-not-found': 'room.ended.closed',
  'room-full': 'room.ended.full',
  replaced: 'room.ended.replaced',
  'token-expired': 'room.ended.network',
  unauthorized: 'room.ended.kicked',
  network: 'room.ended.network',
  error: 'room.ended.error',
};

/** The catalogue key explaining an ended call. */
export function endMessage(reason: DisconnectReason | null): PlainKey {
  return reason ? messages[reason] : 'room.ended.error';
}

/** Whether joining again could work (the visitor was not removed and the visit still runs). */
export function mayRejoin(reason: DisconnectReason | null): boolean {
  return (
    reason === 'network' ||
    reason === 'error' ||
    reason === 'token-expired' ||
    reason === 'replaced'
  );
}
