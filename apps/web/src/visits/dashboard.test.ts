import { describe, expect, it } from 'vitest';
import type { Facility, Invite, Visit } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { createDashboard, type DashboardApi } from './dashboard.ts';

const facility: Facility = {
  id: 'f1',
  name: 'Demo Care Home',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function visit(id: string, createdAt: string, status: Visit['status'] = 'scheduled'): Visit {
  return {
    id,
    facilityId: 'f1',
    title: `Visit ${id}`,
    status,
    provider: null,
    scheduledStart: null,
    scheduledEnd: null,
    createdBy: 'staff',
    createdAt,
    endedAt: null,
  };
}

function invite(visitId: string, id: string): Invite {
  const far = new Date(Date.now() + 24 * 3600_000).toISOString();
  return {
    id,
    visitId,
    kind: 'shared',
    code: `${id}-abcdefghijklmnopqrstu`,
    url: `http://127.0.0.1:3000/join/${id}`,
    expiresAt: far,
    revokedAt: null,
    createdAt: new Date().toISOString(),
  };
}

function fakeApi(overrides: Partial<DashboardApi> = {}) {
  const created: string[] = [];
  const api: DashboardApi = {
    listFacilities: async () => [facility],
    getFacility: async () => ({ ...facility, video: { provider: 'livekit', reason: 'override' } }),
    listVisits: async () => [
      visit('old', '2026-01-01T10:00:00.000Z'),
      visit('new', '2026-01-02T10:00:00.000Z'),
    ],
    createVisit: async (body) => ({
      ...visit('created', '2026-01-03T10:00:00.000Z'),
      title: body.title,
    }),
    endVisit: async (id) => ({ ...visit(id, '2026-01-01T10:00:00.000Z', 'ended') }),
    listInvites: async () => [],
    createInvite: async (visitId, kind) => {
      created.push(visitId);
      return { ...invite(visitId, `inv${created.length}`), kind: kind ?? 'shared' };
    },
    ...overrides,
  };
  return { api, created };
}

describe('dashboard', () => {
  it('loads the facility and its visits, newest first', async () => {
    const dashboard = createDashboard('f1', fakeApi().api);
    await dashboard.load();
    const state = dashboard.store.get();
    expect(state.status).toBe('ready');
    expect(state.facility?.name).toBe('Demo Care Home');
    expect(state.visits.map((v) => v.id)).toEqual(['new', 'old']);
    expect(state.video).toEqual({ provider: 'livekit', reason: 'override' });
  });

  it('still shows the page when the facility’s video provider cannot be read', async () => {
    const fails = fakeApi({
      getFacility: async () => {
        throw new ApiError('INTERNAL', 'no', { status: 500 });
      },
    });
    const dashboard = createDashboard('f1', fails.api);
    await dashboard.load();
    expect(dashboard.store.get()).toMatchObject({ status: 'ready', video: undefined });
  });

  it('records a failed load and tells the page when the session has ended', async () => {
    const expired = new ApiError('UNAUTHENTICATED', 'no', { status: 401 });
    const dashboard = createDashboard(
      'f1',
      fakeApi({
        listVisits: async () => {
          throw expired;
        },
      }).api,
    );
    let told = 0;
    dashboard.onUnauthenticated(() => (told += 1));
    await dashboard.load();
    expect(dashboard.store.get()).toMatchObject({ status: 'failed', error: expired });
    expect(told).toBe(1);
  });

  it('lists a created visit first and has its invite link ready', async () => {
    const { api, created } = fakeApi();
    const dashboard = createDashboard('f1', api);
    await dashboard.load();
    await dashboard.createVisit({ facilityId: 'f1', title: 'Tea with Mum' });
    const state = dashboard.store.get();
    expect(state.visits[0]?.title).toBe('Tea with Mum');
    expect(created).toEqual(['created']);
    expect(state.invites['created']).toMatchObject({ status: 'ready' });
  });

  it('shows a visit its existing working link instead of making another', async () => {
    const existing = invite('old', 'existing');
    const { api, created } = fakeApi({ listInvites: async () => [existing] });
    const dashboard = createDashboard('f1', api);
    await dashboard.showInvite('old');
    expect(dashboard.store.get().invites['old']).toEqual({ status: 'ready', invite: existing });
    expect(created).toEqual([]);
  });

  it('makes a link for a visit that has none that works', async () => {
    const { api, created } = fakeApi();
    const dashboard = createDashboard('f1', api);
    await dashboard.showInvite('old');
    expect(created).toEqual(['old']);
  });

  it('makes a new link of the kind staff chose', async () => {
    const { api, created } = fakeApi();
    const dashboard = createDashboard('f1', api);
    await dashboard.newInvite('old', 'personal');
    expect(created).toEqual(['old']);
    expect(dashboard.store.get().invites['old']).toMatchObject({
      status: 'ready',
      invite: { kind: 'personal' },
    });
  });

  it('keeps an invite failure on that visit only', async () => {
    const boom = new ApiError('INTERNAL', 'boom', { status: 500 });
    const dashboard = createDashboard(
      'f1',
      fakeApi({
        listInvites: async () => {
          throw boom;
        },
      }).api,
    );
    await dashboard.load();
    await dashboard.showInvite('old');
    const state = dashboard.store.get();
    expect(state.invites['old']).toEqual({ status: 'failed', error: boom });
    expect(state.status).toBe('ready');
  });

  it('replaces an ended visit and clears its pending state even when ending fails', async () => {
    const dashboard = createDashboard('f1', fakeApi().api);
    await dashboard.load();
    await dashboard.endVisit('old');
    expect(dashboard.store.get().visits.find((v) => v.id === 'old')?.status).toBe('ended');
    expect(dashboard.store.get().ending).toEqual([]);

    const failing = createDashboard(
      'f1',
      fakeApi({
        endVisit: async () => {
          throw new ApiError('CONFLICT', 'already ended', { status: 409 });
        },
      }).api,
    );
    await expect(failing.endVisit('old')).rejects.toBeInstanceOf(ApiError);
    expect(failing.store.get().ending).toEqual([]);
  });
});
