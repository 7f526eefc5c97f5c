// The media path of a call as the browser sees it: the selected ICE candidate pair's local
// candidate, read from `RTCPeerConnection.getStats()` (or a sender's or receiver's getStats(),
// which include the transport and candidate pair their stream uses). Host, server reflexive,
// peer reflexive or relay; UDP or TCP, or for a relay the protocol to the TURN server (UDP, TCP,
// TLS). Read a few times while the call is up (an ICE restart may change the path); the latest
// goes into the call record the end screen sends (reports/call-record.ts).
import type { CallRecordBody } from '@openconnect/contracts';
import { noteMediaPath } from '../../reports/call-record.ts';

export interface MediaPath {
  candidateType: NonNullable<CallRecordBody['candidateType']>;
  transport: NonNullable<CallRecordBody['transport']>;
}

/** The stats objects this reads; real RTCStats entries have more fields. */
type Stats = Record<string, unknown> & { id?: unknown; type?: unknown };
/** An RTCStatsReport (maplike: its values are the stats), a Map or an array of stats. */
type StatsValues = { values(): Iterable<Stats> };

const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'] as const;
const TRANSPORTS = ['udp', 'tcp', 'tls'] as const;

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.find((v) => v === value);

/** The selected pair: the transport's choice, else (Firefox) the pair marked selected. */
function selectedPair(stats: Map<string, Stats>): Stats | undefined {
  for (const s of stats.values()) {
    if (s.type !== 'transport' || typeof s.selectedCandidatePairId !== 'string') continue;
    const pair = stats.get(s.selectedCandidatePairId);
    if (pair) return pair;
  }
  for (const s of stats.values()) {
    if (s.type === 'candidate-pair' && s.selected === true) return s;
  }
  return undefined;
}

/**
 * The media path in a stats report, or null when no candidate pair is selected yet (still
 * connecting) or the local candidate says nothing this knows.
 */
export function mediaPathOf(report: StatsValues): MediaPath | null {
  const stats = new Map<string, Stats>();
  for (const s of report.values()) if (typeof s.id === 'string') stats.set(s.id, s);
  const pair = selectedPair(stats);
  const local =
    pair && typeof pair.localCandidateId === 'string'
      ? stats.get(pair.localCandidateId)
      : undefined;
  if (!local) return null;
  const candidateType = oneOf(CANDIDATE_TYPES, local.candidateType);
  // A relay candidate's own protocol is the relayed one (UDP); how media reaches the TURN server
  // is relayProtocol, the one that says whether a firewall forced TCP or TLS.
  const transport = oneOf(
    TRANSPORTS,
    candidateType === 'relay' && local.relayProtocol ? local.relayProtocol : local.protocol,
  );
  return candidateType && transport ? { candidateType, transport } : null;
}

/** A source of stats for the call as it is now (undefined: nothing connected to ask). */
export type StatsSource = () => Promise<RTCStatsReport | undefined> | undefined;

/**
 * Looks every second until a path is found (connected alone, a p2p host has no media link yet),
 * then every ten seconds while the call lasts.
 */
export const MEDIA_PATH_SEARCH_MS = 1_000;
export const MEDIA_PATH_EVERY_MS = 10_000;

/**
 * Reads the media path from `source` once a second after the call connects until found, then
 * every so often, noting the latest found for the call record. Returns a stop function. Never throws: a stats
 * call that fails (a closed connection) is simply tried again later.
 */
export function watchMediaPath(
  source: StatsSource,
  note: (path: MediaPath) => void = noteMediaPath,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let found = false;
  const look = async () => {
    try {
      const report = await source();
      // RTCStatsReport's values are RTCStats, a dictionary type TypeScript types narrowly.
      const path = report ? mediaPathOf(report as unknown as StatsValues) : null;
      if (path && !stopped) {
        found = true;
        note(path);
      }
    } catch {
      // The connection closed under us: the path noted last stays.
    }
    if (!stopped)
      timer = setTimeout(() => void look(), found ? MEDIA_PATH_EVERY_MS : MEDIA_PATH_SEARCH_MS);
  };
  timer = setTimeout(() => void look(), MEDIA_PATH_SEARCH_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** What liveKitStats reads of a livekit-client Room (its public track API only). */
interface LiveKitRoomTracks {
  remoteParticipants: ReadonlyMap<
    string,
    { trackPublications: ReadonlyMap<string, { track?: TrackStats | undefined }> }
  >;
  localParticipant: { trackPublications: ReadonlyMap<string, { track?: TrackStats | undefined }> };
}
interface TrackStats {
  getRTCStatsReport(): Promise<RTCStatsReport | undefined>;
}

/**
 * A LiveKit call's stats through livekit-client's public API: a subscribed track's receiver
 * (the path media comes in by), else a published track's sender. The engine's peer connections
 * are internal to livekit-client.
 */
export function liveKitStats(
  room: LiveKitRoomTracks,
): Promise<RTCStatsReport | undefined> | undefined {
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      if (publication.track) return publication.track.getRTCStatsReport();
    }
  }
  for (const publication of room.localParticipant.trackPublications.values()) {
    if (publication.track) return publication.track.getRTCStatsReport();
  }
  return undefined;
}
