import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { loadMessages } from '../i18n/t.ts';
import { createStore } from '../store/store.ts';
import type { ConsoleApi } from './console-api.ts';
import { createConsoleActions } from './console-actions.ts';
import { entry, fakeConsoleApi, participant, recording } from './console-fixtures.ts';
import { initialConsoleState, type ConsoleState } from './console-state.ts';
import { createSessionLoss } from '../auth/session-loss.ts';

beforeAll(() => loadMessages('staff'));

function setup(overrides: Partial<ConsoleApi> = {}) {
  const { api, calls } = fakeConsoleApi(overrides);
  const store = createStore<ConsoleState>({
    ...initialConsoleState,
    queue: [entry('e1')],
    participants: { v1: [participant] },
  });
  const session = createSessionLoss();
  const lost = vi.fn();
  session.onLost(lost);
  const sync = { visitChanged: vi.fn(async () => {}), refreshParticipants: vi.fn(async () => {}) };
  const actions = createConsoleActions({ store, api, sync, session });
  return { actions, store, calls, sync, lost, state: () => store.get() };
}

describe('console actions', () => {
  it('marks an action busy while the server works on it', async () => {
    let answer: (value: ReturnType<typeof entry>) => void = () => undefined;
    const { actions, state } = setup({ admit: () => new Promise((resolve) => (answer = resolve)) });
    const admitting = actions.admit('e1');
    expect(state().busy).toEqual(['admit:e1']);
    answer(entry('e1', 'admitted'));
    await admitting;
    expect(state().busy).toEqual([]);
    expect(state().queue).toEqual([]);
  });

  it('clears the busy mark and reports the session when a call fails with 401', async () => {
    const error = new ApiError('UNAUTHENTICATED', 'no', { status: 401 });
    const { actions, state, lost } = setup({ deny: () => Promise.reject(error) });
    await expect(actions.deny('e1')).rejects.toBe(error);
    expect(state().busy).toEqual([]);
    expect(lost).toHaveBeenCalledOnce();
  });

  it('removes a person at once, announces it and asks for the visit’s people again', async () => {
    const { actions, state, calls, sync } = setup();
    await actions.removeParticipant('v1', 'p1');
    expect(calls).toEqual(['remove v1 p1']);
    expect(state().participants.v1).toEqual([]);
    expect(state().announcement).toBe('Ann was removed from the visit.');
    expect(sync.refreshParticipants).toHaveBeenCalledWith('v1');
  });

  it('asks the server to withdraw the shared link only when staff chose to', async () => {
    const { actions, calls } = setup();
    await actions.removeParticipant('v1', 'p1', true);
    expect(calls).toEqual(['remove v1 p1 and withdraw its link']);
  });

  it('ends a visit through the server, then forgets it', async () => {
    const { actions, calls, sync } = setup();
    await actions.endVisit('v1');
    expect(calls).toEqual(['end v1']);
    expect(sync.visitChanged).toHaveBeenCalledWith('v1', 'ended');
  });

  it('shows the recording the server returned when starting and stopping', async () => {
    const { actions, state } = setup();
    await actions.startRecording('v1');
    expect(state().recordings.v1).toEqual([recording('starting')]);
    await actions.stopRecording('v1', 'r1');
    expect(state().recordings.v1).toEqual([recording('ended')]);
  });
});
