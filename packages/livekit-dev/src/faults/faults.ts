// Fault switches for tests: make the next N API calls fail with a chosen Twirp error, add latency,
// drop webhooks, refuse connections, lose video on its way to a participant, fail a participant's
// peer connections or lose their sessions, so the product's fallback and error mapping can be
// tested against a server that really misbehaves.
import { TwirpError, type TwirpCode } from '../twirp/errors.ts';

/** What the server consults before answering (Twirp, validate) and before sending webhooks. */
export class Faults {
  private failures: { remaining: number; code: TwirpCode; msg: string } | undefined;
  private latency = 0;
  private dropping = false;
  private refusing = false;
  /** Fraction of video packets dropped on their way to a participant, by identity. */
  private readonly videoLoss = new Map<string, number>();
  private readonly peerFailureListeners = new Set<(identity: string) => void>();
  private readonly sessionLossListeners = new Set<(identity: string) => void>();
  private readonly onRefuseChange: (refuse: boolean) => Promise<void>;

  constructor(onRefuseChange: (refuse: boolean) => Promise<void>) {
    this.onRefuseChange = onRefuseChange;
  }

  /** The next `n` Twirp calls (RoomService and Egress) fail with `code`. */
  failNext(n: number, code: TwirpCode = 'unavailable', msg = `fault injected: ${code}`): void {
    this.failures = n > 0 ? { remaining: n, code, msg } : undefined;
  }

  /** Every Twirp call and /rtc/validate waits `ms` before it is answered. */
  setLatency(ms: number): void {
    this.latency = Math.max(0, ms);
  }

  /** While on, webhooks are discarded instead of sent (counted as dropped). */
  dropWebhooks(drop: boolean): void {
    this.dropping = drop;
  }

  /**
   * While on, the server stops listening and closes open connections, so clients see a refused
   * connection; turning it off listens on the same port again.
   */
  async refuseConnections(refuse: boolean): Promise<void> {
    if (refuse === this.refusing) return;
    this.refusing = refuse;
    await this.onRefuseChange(refuse);
  }

  /**
   * Drops `fraction` (0..1) of the video packets the SFU sends to participant `identity`, as a
   * lossy link to them would; 0 heals the link.
   */
  loseVideoTo(identity: string, fraction: number): void {
    const clamped = Math.min(1, Math.max(0, fraction));
    if (clamped > 0) this.videoLoss.set(identity, clamped);
    else this.videoLoss.delete(identity);
  }

  /** The fraction of video packets dropped on their way to `identity`. */
  videoLossTo(identity: string): number {
    return this.videoLoss.get(identity) ?? 0;
  }

  /**
   * Fails the server's peer connections with participant `identity`, as when ICE or DTLS gives
   * up on the server's side: the server handles it as a real failure (see the signal layer).
   */
  failPeerConnections(identity: string): void {
    for (const listener of this.peerFailureListeners) listener(identity);
  }

  /** The signal layer's hook for failPeerConnections; returns the function that removes it. */
  onPeerConnectionFailure(listener: (identity: string) => void): () => void {
    this.peerFailureListeners.add(listener);
    return () => this.peerFailureListeners.delete(listener);
  }

  /**
   * The server forgets participant `identity`'s sessions, as a node that crashed and came back
   * would: their sockets are cut without a leave and they leave their rooms, so a client that
   * tries to resume finds nothing to resume.
   */
  loseSessions(identity: string): void {
    for (const listener of this.sessionLossListeners) listener(identity);
  }

  /** The signal layer's hook for loseSessions; returns the function that removes it. */
  onSessionLoss(listener: (identity: string) => void): () => void {
    this.sessionLossListeners.add(listener);
    return () => this.sessionLossListeners.delete(listener);
  }

  /** Turns every fault off. */
  async reset(): Promise<void> {
    this.failures = undefined;
    this.videoLoss.clear();
    this.latency = 0;
    this.dropping = false;
    await this.refuseConnections(false);
  }

  /** Consumes one injected failure, if any is pending. */
  takeFailure(): TwirpError | undefined {
    const pending = this.failures;
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.failures = undefined;
    return new TwirpError(pending.code, pending.msg);
  }

  /** Waits for the configured latency. */
  async delay(): Promise<void> {
    if (this.latency > 0) await new Promise((resolve) => setTimeout(resolve, this.latency));
  }

  /** Whether webhooks are being dropped. */
  get droppingWebhooks(): boolean {
    return this.dropping;
  }

  /** Whether connections are being refused. */
  get refusingConnections(): boolean {
    return this.refusing;
  }
}
