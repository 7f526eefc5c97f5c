// `livekit.Egress` over the egress manager: StartRoomCompositeEgress, StopEgress, ListEgress, each
// requiring the `roomRecord` grant (livekit/livekit pkg/service/egress.go).
import {
  ListEgressRequest,
  ListEgressResponse,
  RoomCompositeEgressRequest,
  StopEgressRequest,
} from '@livekit/protocol';
import { canRecord } from '../auth/permissions.ts';
import type { EgressManager } from '../egress/manager.ts';
import { permissionsDenied } from './errors.ts';
import { method, type CallContext, type TwirpService } from './method.ts';

function requireRecord(call: CallContext): void {
  if (!canRecord(call.token)) throw permissionsDenied();
}

/** Builds the Egress method table. */
export function egressService(egress: EgressManager): TwirpService {
  return {
    StartRoomCompositeEgress: method(RoomCompositeEgressRequest, (req, call) => {
      requireRecord(call);
      return egress.startRoomComposite(req);
    }),
    StopEgress: method(StopEgressRequest, (req, call) => {
      requireRecord(call);
      return egress.stop(req.egressId);
    }),
    ListEgress: method(ListEgressRequest, (req, call) => {
      requireRecord(call);
      const items = egress.list({
        roomName: req.roomName,
        egressId: req.egressId,
        active: req.active,
      });
      return new ListEgressResponse({ items });
    }),
  };
}
