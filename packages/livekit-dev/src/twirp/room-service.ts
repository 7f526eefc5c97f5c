// `livekit.RoomService` over the room registry, with LiveKit's grant checks and error codes
// (livekit/livekit pkg/service/roomservice.go, pkg/service/errors.go).
import {
  CreateRoomRequest,
  DeleteRoomRequest,
  DeleteRoomResponse,
  ListParticipantsRequest,
  ListParticipantsResponse,
  ListRoomsRequest,
  ListRoomsResponse,
  MuteRoomTrackRequest,
  MuteRoomTrackResponse,
  RemoveParticipantResponse,
  RoomParticipantIdentity,
  SendDataRequest,
  SendDataResponse,
  UpdateParticipantRequest,
  UpdateRoomMetadataRequest,
  UpdateSubscriptionsRequest,
  UpdateSubscriptionsResponse,
} from '@livekit/protocol';
import { canAdmin, canCreate, canList } from '../auth/permissions.ts';
import { RoomError } from '../rooms/errors.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { TwirpError, permissionsDenied } from './errors.ts';
import { method, type CallContext, type TwirpService } from './method.ts';

/** Limits LiveKit applies to API input (config `limit:` section defaults). */
export interface RoomServiceLimits {
  /** Bytes; LiveKit's default `max_metadata_size` is 64000. */
  maxMetadataSize: number;
  /** Whether MutePublishedTrack may unmute (`room.enable_remote_unmute`, default false). */
  enableRemoteUnmute: boolean;
}

const DEFAULT_LIMITS: RoomServiceLimits = { maxMetadataSize: 64000, enableRemoteUnmute: false };

function requireAdmin(call: CallContext, room: string): void {
  if (!canAdmin(call.token, room)) throw permissionsDenied();
}

function checkMetadata(metadata: string, limit: number): void {
  if (limit > 0 && Buffer.byteLength(metadata) > limit) {
    throw new TwirpError('invalid_argument', `metadata size exceeds limits ${limit}`, {
      argument: 'metadata size exceeds limits',
    });
  }
}

/** Builds the RoomService method table. */
// Long by listing: one short method per RoomService RPC, in the protocol's order.
export function roomService(
  registry: RoomRegistry,
  limits: Partial<RoomServiceLimits> = {},
): TwirpService {
  const { maxMetadataSize, enableRemoteUnmute } = { ...DEFAULT_LIMITS, ...limits };
  return {
    CreateRoom: method(CreateRoomRequest, (req, call) => {
      if (!canCreate(call.token)) throw permissionsDenied();
      if (!req.name) throw new TwirpError('invalid_argument', 'no room name');
      checkMetadata(req.metadata, maxMetadataSize);
      return registry.createRoom({
        name: req.name,
        emptyTimeout: req.emptyTimeout,
        departureTimeout: req.departureTimeout,
        maxParticipants: req.maxParticipants,
        metadata: req.metadata,
      }).room;
    }),
    ListRooms: method(ListRoomsRequest, (req, call) => {
      if (!canList(call.token)) throw permissionsDenied();
      return new ListRoomsResponse({ rooms: registry.listRooms(req.names) });
    }),
    DeleteRoom: method(DeleteRoomRequest, (req, call) => {
      if (!canCreate(call.token)) throw permissionsDenied();
      if (!registry.deleteRoom(req.room)) throw new RoomError('room_not_found', req.room);
      return new DeleteRoomResponse();
    }),
    ListParticipants: method(ListParticipantsRequest, (req, call) => {
      requireAdmin(call, req.room);
      // LiveKit's store answers an empty list for a room it does not know (LocalStore.ListParticipants).
      const participants = registry.getRoom(req.room) ? registry.listParticipants(req.room) : [];
      return new ListParticipantsResponse({ participants });
    }),
    GetParticipant: method(RoomParticipantIdentity, (req, call) => {
      requireAdmin(call, req.room);
      if (!registry.getRoom(req.room)) throw new RoomError('participant_not_found', req.identity);
      return registry.getParticipant(req.room, req.identity);
    }),
    RemoveParticipant: method(RoomParticipantIdentity, (req, call) => {
      requireAdmin(call, req.room);
      const present =
        registry.getRoom(req.room) &&
        registry.listParticipants(req.room).some((p) => p.identity === req.identity);
      if (!present) throw new TwirpError('not_found', 'participant not found');
      registry.removeParticipant(req.room, req.identity);
      return new RemoveParticipantResponse();
    }),
    MutePublishedTrack: method(MuteRoomTrackRequest, (req, call) => {
      requireAdmin(call, req.room);
      if (!req.muted && !enableRemoteUnmute)
        throw new TwirpError('failed_precondition', 'remote unmute not enabled');
      if (!registry.getRoom(req.room)) throw new RoomError('participant_not_found', req.identity);
      const track = registry.setTrackMuted(req.room, req.identity, req.trackSid, req.muted, true);
      return new MuteRoomTrackResponse({ track });
    }),
    UpdateParticipant: method(UpdateParticipantRequest, (req, call) => {
      checkMetadata(req.metadata, maxMetadataSize);
      requireAdmin(call, req.room);
      if (!registry.getRoom(req.room)) throw new RoomError('participant_not_found', req.identity);
      return registry.updateParticipant(req.room, req.identity, {
        ...(req.name ? { name: req.name } : {}),
        ...(req.metadata ? { metadata: req.metadata } : {}),
        ...(req.permission ? { permission: req.permission } : {}),
        attributes: req.attributes,
      });
    }),
    UpdateSubscriptions: method(UpdateSubscriptionsRequest, (req, call) => {
      requireAdmin(call, req.room);
      if (!registry.getRoom(req.room)) throw new RoomError('participant_not_found', req.identity);
      const trackSids = [...req.trackSids, ...req.participantTracks.flatMap((pt) => pt.trackSids)];
      registry.updateSubscriptions(req.room, req.identity, trackSids, req.subscribe);
      return new UpdateSubscriptionsResponse();
    }),
    SendData: method(SendDataRequest, (req, call) => {
      requireAdmin(call, req.room);
      if (req.nonce.length !== 0 && req.nonce.length !== 16) {
        throw new TwirpError(
          'invalid_argument',
          `nonce should be 16-bytes or not present, got: ${req.nonce.length} bytes`,
        );
      }
      registry.sendData(req.room, {
        payload: req.data,
        kind: req.kind,
        ...(req.topic === undefined ? {} : { topic: req.topic }),
        destinationSids: req.destinationSids,
        destinationIdentities: req.destinationIdentities,
      });
      return new SendDataResponse();
    }),
    UpdateRoomMetadata: method(UpdateRoomMetadataRequest, (req, call) => {
      checkMetadata(req.metadata, maxMetadataSize);
      requireAdmin(call, req.room);
      return registry.updateRoomMetadata(req.room, req.metadata);
    }),
  };
}
