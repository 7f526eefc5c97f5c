import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteMediaPath, takeCallRecord } from '../../reports/call-record.ts';
import {
  liveKitStats,
  mediaPathOf,
  MEDIA_PATH_EVERY_MS,
  MEDIA_PATH_SEARCH_MS,
  watchMediaPath,
} from './telemetry-media-path.ts';

/** A Chromium-shaped report: two pairs, the transport pointing at the selected one. */
function chromiumReport(local: Record<string, unknown>, selected = 'CP-b') {
  return [
    { id: 'T01', type: 'transport', selectedCandidatePairId: selected, dtlsState: 'connected' },
    { id: 'CP-a', type: 'candidate-pair', localCandidateId: 'L-host', remoteCandidateId: 'R1' },
    { id: 'CP-b', type: 'candidate-pair', localCandidateId: 'L-sel', remoteCandidateId: 'R1' },
    { id: 'L-host', type: 'local-candidate', candidateType: 'host', protocol: 'udp' },
    { id: 'L-sel', type: 'local-candidate', ...local },
    { id: 'R1', type: 'remote-candidate', candidateType: 'host', protocol: 'udp' },
    { id: 'IT01V', type: 'inbound-rtp', kind: 'video', transportId: 'T01' },
  ];
}

describe('the media path from getStats()', () => {
  it('reads the local candidate of the pair the transport selected', () => {
    expect(mediaPathOf(chromiumReport({ candidateType: 'srflx', protocol: 'udp' }))).toEqual({
      candidateType: 'srflx',
      transport: 'udp',
    });
    expect(mediaPathOf(chromiumReport({ candidateType: 'host', protocol: 'tcp' }, 'CP-b'))).toEqual(
      { candidateType: 'host', transport: 'tcp' },
    );
  });

  it('gives a relay the protocol to the TURN server, not the relayed one', () => {
    const tls = { candidateType: 'relay', protocol: 'udp', relayProtocol: 'tls' };
    expect(mediaPathOf(chromiumReport(tls))).toEqual({ candidateType: 'relay', transport: 'tls' });
    const udp = { candidateType: 'relay', protocol: 'udp', relayProtocol: 'udp' };
    expect(mediaPathOf(chromiumReport(udp))).toEqual({ candidateType: 'relay', transport: 'udp' });
  });

  it('reads a Map as an RTCStatsReport is read (its values)', () => {
    const report = new Map(
      chromiumReport({ candidateType: 'prflx', protocol: 'udp' }).map((s) => [s.id, s]),
    );
    expect(mediaPathOf(report)).toEqual({ candidateType: 'prflx', transport: 'udp' });
  });

  it('falls back to the pair marked selected (Firefox has no selectedCandidatePairId)', () => {
    const report = [
      { id: 'p1', type: 'candidate-pair', localCandidateId: 'a', selected: false },
      { id: 'p2', type: 'candidate-pair', localCandidateId: 'b', selected: true },
      { id: 'a', type: 'local-candidate', candidateType: 'host', protocol: 'udp' },
      { id: 'b', type: 'local-candidate', candidateType: 'relay', relayProtocol: 'tcp' },
    ];
    expect(mediaPathOf(report)).toEqual({ candidateType: 'relay', transport: 'tcp' });
  });

  it('says nothing while no pair is selected or the candidate is unknown', () => {
    const connecting = chromiumReport({ candidateType: 'host', protocol: 'udp' }).map((s) =>
      s.type === 'transport' ? { id: s.id, type: s.type } : s,
    );
    expect(mediaPathOf(connecting)).toBeNull();
    expect(mediaPathOf(chromiumReport({ candidateType: 'host', protocol: 'sctp' }))).toBeNull();
    expect(mediaPathOf(chromiumReport({ candidateType: 'host' }, 'missing'))).toBeNull();
    expect(mediaPathOf([])).toBeNull();
  });

  it('goes into the call record the end screen sends, latest path wins', () => {
    noteMediaPath({ candidateType: 'relay', transport: 'tcp' });
    noteMediaPath({ candidateType: 'host', transport: 'udp' });
    expect(takeCallRecord(false)).toMatchObject({ candidateType: 'host', transport: 'udp' });
    expect(takeCallRecord(false)).toBeUndefined();
  });
});

describe('a LiveKit call’s stats', () => {
  const track = (name: string) => ({
    getRTCStatsReport: async () => new Map([[name, {}]]) as unknown as RTCStatsReport,
  });
  const publications = (tracks: Array<ReturnType<typeof track> | undefined>) =>
    new Map(tracks.map((t, i) => [`TR_${i}`, { track: t }]));

  it('asks a subscribed track first, else a published one, else nothing', async () => {
    const room = {
      remoteParticipants: new Map([['a', { trackPublications: publications([undefined]) }]]),
      localParticipant: { trackPublications: publications([track('sender')]) },
    };
    expect([...((await liveKitStats(room)) ?? new Map()).keys()]).toEqual(['sender']);
    room.remoteParticipants.set('b', { trackPublications: publications([track('receiver')]) });
    expect([...((await liveKitStats(room)) ?? new Map()).keys()]).toEqual(['receiver']);
    const empty = {
      remoteParticipants: new Map(),
      localParticipant: { trackPublications: new Map() },
    };
    expect(liveKitStats(empty)).toBeUndefined();
  });
});

describe('watching the media path during a call', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('looks each second until a pair is selected, then notes the path; stops when told', async () => {
    vi.useFakeTimers();
    const answers: Array<RTCStatsReport | undefined> = [
      undefined, // connected alone: no media link yet
      chromiumReport({ candidateType: 'host', protocol: 'udp' }, 'none') as never, // still checking
      chromiumReport({ candidateType: 'srflx', protocol: 'udp' }) as never,
    ];
    let asked = 0;
    const noted: unknown[] = [];
    const stop = watchMediaPath(
      () => Promise.resolve(answers[Math.min(asked++, answers.length - 1)]),
      (path) => noted.push(path),
    );
    await vi.advanceTimersByTimeAsync(MEDIA_PATH_SEARCH_MS * 2);
    expect([asked, noted]).toEqual([2, []]);
    await vi.advanceTimersByTimeAsync(MEDIA_PATH_SEARCH_MS);
    expect(noted).toEqual([{ candidateType: 'srflx', transport: 'udp' }]);
    // Found: the next look is a while later, not a second.
    await vi.advanceTimersByTimeAsync(MEDIA_PATH_SEARCH_MS);
    expect(asked).toBe(3);
    await vi.advanceTimersByTimeAsync(MEDIA_PATH_EVERY_MS);
    expect(asked).toBe(4);
    stop();
    await vi.advanceTimersByTimeAsync(MEDIA_PATH_EVERY_MS * 3);
    expect(asked).toBe(4);
  });

  it('keeps looking after a stats call fails (a closed connection)', async () => {
    vi.useFakeTimers();
    let asked = 0;
    const stop = watchMediaPath(
      () => {
        asked += 1;
        return Promise.reject(new Error('InvalidStateError'));
      },
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(MEDIA_PATH_SEARCH_MS * 3);
    expect(asked).toBe(3);
    stop();
  });
});
