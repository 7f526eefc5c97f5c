// The claims LiveKit access tokens carry (livekit/protocol auth/grants.go), as JSON names them.

/** Room permissions in a token's `video` claim. */
export interface VideoGrant {
  roomCreate?: boolean;
  roomJoin?: boolean;
  roomList?: boolean;
  roomRecord?: boolean;
  roomAdmin?: boolean;
  room?: string;
  ingressAdmin?: boolean;
  canPublish?: boolean;
  /** Track source names ("camera", "microphone", "screen_share", "screen_share_audio"). */
  canPublishSources?: string[];
  canSubscribe?: boolean;
  canPublishData?: boolean;
  canUpdateOwnMetadata?: boolean;
  hidden?: boolean;
  recorder?: boolean;
  agent?: boolean;
  destinationRoom?: string;
}

/** The verified payload of an access token. */
export interface ClaimGrants {
  /** API key that signed the token. */
  iss?: string;
  /** Participant identity. */
  sub?: string;
  jti?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  name?: string;
  video?: VideoGrant;
  kind?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  /** Base64 sha256 of a webhook body. */
  sha256?: string;
  roomPreset?: string;
  /** RoomConfiguration in protobuf JSON form. */
  roomConfig?: Record<string, unknown>;
}

/** A token that passed verification: who signed it and what it grants. */
export interface VerifiedToken {
  apiKey: string;
  /** `sub`, or `jti` when there is no subject (as LiveKit does). */
  identity: string;
  claims: ClaimGrants;
}
