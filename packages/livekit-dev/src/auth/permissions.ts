// Per-call grant checks, as LiveKit's Ensure*Permission functions (pkg/service/auth.go). Each
// returns false when the grant is missing; the Twirp layer then answers `unauthenticated`
// "permissions denied", as LiveKit's twirpAuthError does.
import type { VerifiedToken } from './claims.ts';

/** RoomService.CreateRoom and DeleteRoom. */
export function canCreate(token: VerifiedToken | undefined): boolean {
  return token?.claims.video?.roomCreate === true;
}

/** RoomService.ListRooms. */
export function canList(token: VerifiedToken | undefined): boolean {
  return token?.claims.video?.roomList === true;
}

/** Egress calls. */
export function canRecord(token: VerifiedToken | undefined): boolean {
  return token?.claims.video?.roomRecord === true;
}

/** Room-scoped admin calls: `roomAdmin` and the token's `room` equal to the request's room. */
export function canAdmin(token: VerifiedToken | undefined, room: string): boolean {
  const video = token?.claims.video;
  return video?.roomAdmin === true && (video.room ?? '') === room;
}

/** Joining: returns the room the token may join (possibly ""), or undefined if it may not. */
export function joinableRoom(token: VerifiedToken | undefined): string | undefined {
  const video = token?.claims.video;
  return video?.roomJoin === true ? (video.room ?? '') : undefined;
}
