// One signaling socket as the hub tracks it: the transport's side (SignalingConnection), what the
// transport reports (SignalingSession), and its state from open through join to close.
import { randomUUID } from 'node:crypto';
import type { ParticipantRole } from '@openconnect/contracts';

/** One client socket, as the hub sees it. */
export interface SignalingConnection {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Sends a transport-level ping; the transport reports the pong through `pong()`. */
  ping(): void;
  /** Drops the connection without a closing handshake (for dead peers). */
  terminate(): void;
}

/** What the transport reports about one connection. */
export interface SignalingSession {
  message(data: string | Buffer, isBinary: boolean): void;
  pong(): void;
  /** The socket closed, for whatever reason. */
  closed(): void;
}

export interface HubMember {
  identity: string;
  name: string;
  role: ParticipantRole;
  joinedAt: Date;
  /** The seat generation of the token it connected with (set for members of this instance). */
  seat?: number;
}

/** What a session reports to its hub. */
export interface SessionOwner {
  onMessage(session: Session, data: string | Buffer, isBinary: boolean): void;
  onClosed(session: Session): void;
  onAuthTimeout(session: Session): void;
}

export class Session implements SignalingSession {
  /** Unique per socket: tells a member's connections apart across instances. */
  readonly id = randomUUID();
  /** `joining` while the database decides on its join; frames that arrive meanwhile wait. */
  state: 'pending' | 'joining' | 'joined' | 'closed' = 'pending';
  alive = true;
  roomId: string | undefined;
  member: HubMember | undefined;
  /** Frames received while joining, handled once it has joined. */
  readonly queued: { data: string | Buffer; isBinary: boolean }[] = [];
  windowStart = 0;
  windowCount = 0;
  readonly authTimer: NodeJS.Timeout;

  constructor(
    readonly owner: SessionOwner,
    readonly conn: SignalingConnection,
    authTimeoutMs: number,
  ) {
    this.authTimer = setTimeout(() => {
      if (this.state === 'pending') owner.onAuthTimeout(this);
    }, authTimeoutMs);
    this.authTimer.unref();
  }

  message(data: string | Buffer, isBinary: boolean): void {
    this.owner.onMessage(this, data, isBinary);
  }

  pong(): void {
    this.alive = true;
  }

  closed(): void {
    this.owner.onClosed(this);
  }
}
