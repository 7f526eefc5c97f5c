// LiveKit's server API as the check uses it, through livekit-server-sdk: is the deployment there,
// do the key and secret work, does Egress answer, and what LiveKit itself sees of a room.
import { EgressClient, RoomServiceClient } from 'livekit-server-sdk';
import { CheckFailure, describeError } from './steps.ts';

/** The API host for a LiveKit URL: `wss://` → `https://`, `ws://` → `http://`. */
export function apiUrl(livekitUrl: string): string {
  return livekitUrl.replace(/^ws(s?):\/\//, 'http$1://').replace(/\/+$/, '');
}

/** The WebSocket URL browsers get for a LiveKit URL: `https://` → `wss://`. */
export function signalUrl(livekitUrl: string): string {
  return livekitUrl.replace(/^http(s?):\/\//, 'ws$1://').replace(/\/+$/, '');
}

interface ServerErrorLike {
  status?: number;
  code?: string;
  message?: string;
}

export class LiveKitService {
  private readonly rooms: RoomServiceClient;
  private readonly egress: EgressClient;
  readonly host: string;

  constructor(settings: { url: string; apiKey: string; secret: string }, timeoutMs: number) {
    this.host = apiUrl(settings.url);
    // One attempt per call, no region failover: the check reports what it sees, it does not retry.
    const options = { requestTimeout: Math.max(1, Math.round(timeoutMs / 1000)), failover: false };
    this.rooms = new RoomServiceClient(this.host, settings.apiKey, settings.secret, options);
    this.egress = new EgressClient(this.host, settings.apiKey, settings.secret, options);
  }

  /** Any HTTP answer from the host counts: it is up and reachable from here. */
  async reachable(signal: AbortSignal): Promise<string> {
    try {
      const res = await fetch(this.host, { signal });
      await res.body?.cancel();
      return `${this.host} answered HTTP ${res.status}`;
    } catch (error) {
      throw new CheckFailure(
        `LiveKit at ${this.host} is not reachable (${describeError(error)}); check LIVEKIT_URL and the network path from here`,
      );
    }
  }

  /** RoomService ListRooms: proves the API key and secret are this deployment's. */
  async listRooms(names?: string[]): Promise<string[]> {
    try {
      return (await this.rooms.listRooms(names)).map((r) => r.name);
    } catch (error) {
      throw this.explain('RoomService ListRooms', error);
    }
  }

  /** The identities LiveKit has in a room right now. */
  async participants(room: string): Promise<string[]> {
    try {
      return (await this.rooms.listParticipants(room)).map((p) => p.identity);
    } catch (error) {
      throw this.explain('RoomService ListParticipants', error);
    }
  }

  /** Egress ListEgress: the Egress API answers with these credentials. */
  async listEgress(): Promise<number> {
    try {
      return (await this.egress.listEgress({ active: true })).length;
    } catch (error) {
      throw this.explain('Egress ListEgress', error);
    }
  }

  private explain(call: string, error: unknown): CheckFailure {
    const e = error as ServerErrorLike;
    if (e.status === 401 || e.status === 403 || e.code === 'unauthenticated') {
      return new CheckFailure(
        `LiveKit refused the API key and secret (${call}: ${e.status ?? ''} ${e.code ?? ''}); check LIVEKIT_API_KEY and LIVEKIT_SECRET`.replace(
          /\s+\)/,
          ')',
        ),
      );
    }
    return new CheckFailure(`${call} at ${this.host} failed: ${describeError(error)}`);
  }
}
