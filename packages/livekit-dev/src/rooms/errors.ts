// Errors the room registry raises; the Twirp layer maps each `kind` to LiveKit's Twirp error code.

/** What went wrong, in the registry's own terms. */
export type RoomErrorKind =
  'room_not_found' | 'participant_not_found' | 'track_not_found' | 'room_full';

/** A registry failure with a stable kind and a message that says what to do. */
export class RoomError extends Error {
  readonly kind: RoomErrorKind;

  constructor(kind: RoomErrorKind, message: string) {
    super(message);
    this.name = 'RoomError';
    this.kind = kind;
  }
}
