import { describe, expect, it } from 'vitest';
import { entry, participant, recording, visit } from './console-fixtures.ts';
import { initialConsoleState, type ConsoleState } from './console-state.ts';
import { withQueueEntry } from './queue-state.ts';
import {
  currentRecording,
  openVisits,
  withRecording,
  withVisit,
  withVisitStatus,
  withoutParticipant,
  withoutVisit,
} from './visit-state.ts';

const state: ConsoleState = {
  ...initialConsoleState,
  visits: [visit('v1', 'livekit', 'scheduled')],
  queue: [entry('e1'), { ...entry('e2'), visitId: 'v2' }],
  participants: { v1: [participant, { ...participant, id: 'p2' }] },
};

describe('visit state', () => {
  it('lists the visits not ended, newest first', () => {
    const old = visit('old', 'p2p', 'live', '2030-01-01T08:00:00.000Z');
    const ended = visit('ended', 'p2p', 'ended', '2030-01-01T10:00:00.000Z');
    expect(openVisits([old, ended, visit('new', 'p2p')]).map((v) => v.id)).toEqual(['new', 'old']);
  });

  it('forgets an ended visit together with the people waiting for it', () => {
    const next = withoutVisit(state, 'v1');
    expect(next.visits).toEqual([]);
    expect(next.queue.map((e) => e.id)).toEqual(['e2']);
  });

  it('changes the status of a known visit and leaves unknown ones to a fetch', () => {
    expect(withVisitStatus(state, 'v1', 'live').visits[0]?.status).toBe('live');
    expect(withVisitStatus(state, 'v9', 'live')).toBe(state);
  });

  it('adds or replaces a fetched visit, newest first', () => {
    const newer = visit('v2', 'p2p', 'live', '2030-01-02T09:00:00.000Z');
    expect(withVisit(state, newer).visits.map((v) => v.id)).toEqual(['v2', 'v1']);
    expect(withVisit(state, visit('v1', 'p2p')).visits).toEqual([visit('v1', 'p2p')]);
  });

  it('removes one person of a visit and keeps the others', () => {
    expect(withoutParticipant(state, 'v1', 'p1').participants.v1?.map((p) => p.id)).toEqual(['p2']);
    expect(withoutParticipant(state, 'v9', 'p1').participants.v9).toEqual([]);
  });

  it('keeps one copy of each recording, the newest, and knows which one runs', () => {
    let next = withRecording(state, recording('starting'));
    next = withRecording(next, recording('active'));
    expect(next.recordings.v1).toEqual([recording('active')]);
    expect(currentRecording(next.recordings.v1)?.status).toBe('active');
    next = withRecording(next, recording('ended'));
    expect(currentRecording(next.recordings.v1)).toBeUndefined();
    expect(currentRecording(undefined)).toBeUndefined();
  });

  it('drops "Ann was let in." once that visit has ended, and keeps news about another', () => {
    const admitted = withQueueEntry(state, { ...entry('e1'), status: 'admitted' });
    expect(admitted.announcement).not.toBe('');
    expect(withoutVisit(admitted, 'v9').announcement).toBe(admitted.announcement);
    expect(withoutVisit(admitted, entry('e1').visitId).announcement).toBe('');
  });
});
