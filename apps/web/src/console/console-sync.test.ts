import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { loadMessages } from '../i18n/t.ts';
import { createStore } from '../store/store.ts';
import type { ConsoleApi } from './console-api.ts';
import { config, fakeConsoleApi, participant, visit } from './console-fixtures.ts';
import { initialConsoleState } from './console-state.ts';
import { createConsoleSync } from './console-sync.ts';
import { createSessionLoss } from '../auth/session-loss.ts';

beforeAll(() => loadMessages('staff'));

function setup(overrides: Partial<ConsoleApi> = {}) {
  const { api, calls } = fakeConsoleApi(overrides);
  const store = createStore(initialConsoleState);
  const session = createSessionLoss();
  const lost = vi.fn();
  session.onLost(lost);
  const sync = createConsoleSync({
    facilityId: 'f1',
    store,
    api,
    session,
    getConfig: async () => config,
    listFacilities: async () => [{ id: 'f1', name: 'Demo Care Home' } as never],
  });
  return { sync, store, calls, lost, state: () => store.get() };
}

const signedOut = () => Promise.reject(new ApiError('UNAUTHENTICATED', 'no', { status: 401 }));

describe('console sync', () => {
  it('loads the facility, its open visits, their people and recordable recordings', async () => {
    const { sync, state, calls } = setup();
    await sync.loadAll();
    expect(state()).toMatchObject({ status: 'ready', facility: { name: 'Demo Care Home' } });
    expect(state().visits.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(calls.sort()).toEqual(['participants v1', 'participants v2', 'recordings v1']);
  });

  it('fails the load and reports the session when the server says it is gone', async () => {
    const { sync, lost } = setup({ listVisits: signedOut });
    await expect(sync.loadAll()).rejects.toThrow(ApiError);
    expect(lost).toHaveBeenCalledOnce();
  });

  it('keeps the last list of people when a refetch fails for another reason', async () => {
    let fail = false;
    const { sync, state } = setup({
      listParticipants: async () => {
        if (fail) throw new Error('network');
        return [participant];
      },
    });
    await sync.refreshParticipants('v1');
    fail = true;
    await sync.refreshParticipants('v1');
    expect(state().participants.v1).toEqual([participant]);
  });

  it('fetches a new visit whole, and ignores one of another facility', async () => {
    const other = { ...visit('v9', 'p2p'), facilityId: 'f2' };
    const { sync, state } = setup({
      getVisit: async (id) => (id === 'v9' ? other : visit(id, 'p2p')),
    });
    await sync.visitChanged('v4', 'scheduled');
    await sync.visitChanged('v9', 'scheduled');
    expect(state().visits.map((v) => v.id)).toEqual(['v4']);
  });

  it('forgets an ended visit without asking the server', async () => {
    const { sync, state, calls } = setup();
    await sync.loadAll();
    calls.length = 0;
    await sync.visitChanged('v1', 'ended');
    expect(state().visits.map((v) => v.id)).toEqual(['v2']);
    expect(calls).toEqual([]);
  });
});
