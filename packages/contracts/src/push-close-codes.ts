// Close codes of the two push sockets, `/ws/lobby` (a visitor's waiting room) and `/ws/staff` (a
// facility's staff pages). The server sends them after the upgrade, so the browser sees the code
// instead of an anonymous 1006, and the client stops reconnecting on the final ones.
// (The p2p signaling socket has its own list: `P2PCloseCode`.)

export const PushCloseCode = {
  /** The server is restarting or shutting down: reconnect shortly (RFC 6455 "going away"). */
  GOING_AWAY: 1001,
  /**
   * This server instance missed events (its bus was down): reconnect and fetch everything again
   * (RFC 6455 "service restart").
   */
  RESYNC: 1012,
  /** A frame was larger than the socket accepts. */
  MESSAGE_TOO_LARGE: 1009,
  /** The first frame was not a valid hello, or none arrived in time. */
  BAD_HELLO: 4400,
  /** Not signed in (staff), or the entry's secret is wrong (visitor). */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not staff of this facility. */
  FORBIDDEN: 4403,
  /** The page sent a second hello on a socket that already said one. */
  DUPLICATE_HELLO: 4409,
} as const;
export type PushCloseCode = (typeof PushCloseCode)[keyof typeof PushCloseCode];

/** Close codes after which reconnecting cannot help: the page must sign in or start over. */
export const PUSH_FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  PushCloseCode.BAD_HELLO,
  PushCloseCode.UNAUTHENTICATED,
  PushCloseCode.FORBIDDEN,
  PushCloseCode.DUPLICATE_HELLO,
]);
