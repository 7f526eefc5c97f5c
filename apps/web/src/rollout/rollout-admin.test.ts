import { beforeAll, describe, expect, it } from 'vitest';
import type { RolloutState } from '@openconnect/contracts';
import { createApiFetch } from '../api/client.ts';
import { loadMessages, t } from '../i18n/t.ts';
import {
  createRolloutAdmin,
  overrideAnnouncement,
  parsePercentage,
  rolloutErrorMessage,
} from './rollout-admin.ts';
import { createRolloutApi } from './rollout-api.ts';
import {
  circuitSentence,
  gateSource,
  overrideLabel,
  providerName,
  reasonWords,
} from './rollout-words.ts';

// The module under test speaks with the staff part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('staff'));

interface Call {
  method: string;
  url: string;
  body: unknown;
}

function rollout(overrides: Partial<RolloutState> = {}): RolloutState {
  return {
    livekitConfigured: true,
    livekitSwitch: null,
    livekitEnabled: true,
    livekitAvailable: true,
    circuit: { p2p: 'closed', livekit: 'closed' },
    defaultProvider: 'p2p',
    percentage: 0,
    canOperate: true,
    facilities: [
      {
        facilityId: 'f1',
        name: 'Demo Care Home',
        override: null,
        bucket: 42,
        effectiveProvider: 'p2p',
        reason: 'default',
      },
      {
        facilityId: 'f2',
        name: 'Demo Clinic (LiveKit)',
        override: 'livekit',
        bucket: 7,
        effectiveProvider: 'livekit',
        reason: 'override',
      },
    ],
    ...overrides,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A fake server: records requests and answers each with `respond`. */
function fakeServer(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const apiFetch = createApiFetch(async (url, init) => {
    const call = {
      method: init.method ?? 'GET',
      url,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return respond(call);
  });
  return { calls, admin: createRolloutAdmin(createRolloutApi(apiFetch)) };
}

const errorBody = (code: string, message = code) => ({
  error: { code, message, requestId: 'req-1' },
});

describe('the rollout admin page', () => {
  it('loads the rollout and starts the percentage field from it', async () => {
    const { admin, calls } = fakeServer(() => json(200, rollout({ percentage: 25 })));
    await admin.load();

    expect(calls).toEqual([{ method: 'GET', url: '/api/v1/rollout', body: undefined }]);
    const state = admin.store.get();
    expect(state.status).toBe('ready');
    expect(state.rollout?.facilities).toHaveLength(2);
    expect(state.percentageDraft).toBe('25');
  });

  it('records a refused load (not an administrator) for the page to explain', async () => {
    const { admin } = fakeServer(() => json(403, errorBody('FORBIDDEN')));
    await admin.load();

    const state = admin.store.get();
    expect(state.status).toBe('failed');
    expect(rolloutErrorMessage(state.error)).toBe(t('rollout.error.forbidden'));
  });

  it('tells the page when the session has ended', async () => {
    const { admin } = fakeServer(() => json(401, errorBody('UNAUTHENTICATED')));
    let told = 0;
    admin.onUnauthenticated(() => (told += 1));
    await admin.load();
    expect(told).toBe(1);
  });

  it('asks for confirmation before switching LiveKit off, and sends nothing until then', async () => {
    const { admin, calls } = fakeServer((call) =>
      call.method === 'PUT'
        ? json(200, rollout({ livekitSwitch: false, livekitEnabled: false }))
        : json(200, rollout()),
    );
    await admin.load();

    await admin.requestSwitch(false);
    expect(admin.store.get().confirmingRollback).toBe(true);
    expect(calls).toHaveLength(1);

    await admin.confirmRollback();
    expect(calls[1]).toEqual({
      method: 'PUT',
      url: '/api/v1/rollout',
      body: { livekitEnabled: false },
    });
    const state = admin.store.get();
    expect(state.confirmingRollback).toBe(false);
    expect(state.rollout?.livekitEnabled).toBe(false);
    expect(state.announcement).toBe(t('rollout.saved.off'));
    expect(state.busy).toBeNull();
  });

  it('sends nothing when the rollback is cancelled', async () => {
    const { admin, calls } = fakeServer(() => json(200, rollout()));
    await admin.load();
    await admin.requestSwitch(false);
    admin.cancelRollback();
    await admin.confirmRollback();

    expect(admin.store.get().confirmingRollback).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('goes back to following the configuration with null, without asking', async () => {
    const { admin, calls } = fakeServer(() => json(200, rollout()));
    await admin.load();
    await admin.requestSwitch(null);

    expect(calls[1]?.body).toEqual({ livekitEnabled: null });
    expect(admin.store.get().announcement).toBe(t('rollout.saved.on'));
  });

  it('explains a conflict when LiveKit is not configured, and keeps the last rollout', async () => {
    const { admin } = fakeServer((call) =>
      call.method === 'PUT'
        ? json(409, errorBody('CONFLICT', 'LiveKit is not configured'))
        : json(200, rollout({ livekitEnabled: false, livekitAvailable: false })),
    );
    await admin.load();
    await admin.requestSwitch(true);

    const state = admin.store.get();
    expect(rolloutErrorMessage(state.actionError)).toBe(t('rollout.error.notConfigured'));
    expect(state.rollout?.livekitEnabled).toBe(false);
    expect(state.busy).toBeNull();
    admin.dismissError();
    expect(admin.store.get().actionError).toBeUndefined();
  });

  it('saves the percentage typed and shows what the server kept', async () => {
    const { admin, calls } = fakeServer((call) =>
      call.method === 'PUT' ? json(200, rollout({ percentage: 30 })) : json(200, rollout()),
    );
    await admin.load();
    admin.setPercentageDraft(' 30 ');
    await admin.savePercentage();

    expect(calls[1]).toEqual({ method: 'PUT', url: '/api/v1/rollout', body: { percentage: 30 } });
    expect(admin.store.get().percentageDraft).toBe('30');
    expect(admin.store.get().announcement).toBe(t('rollout.saved.percentage', { percentage: 30 }));
  });

  it('does not send a percentage that is not a whole number from 0 to 100', async () => {
    const { admin, calls } = fakeServer(() => json(200, rollout()));
    await admin.load();
    for (const draft of ['101', '-1', '12.5', '', 'ten']) {
      admin.setPercentageDraft(draft);
      await admin.savePercentage();
      expect(admin.store.get().percentageError).toBe(t('rollout.percentage.error'));
    }
    expect(calls).toHaveLength(1);
  });

  it('pins a facility to a provider and announces where its new visits go', async () => {
    const pinned = rollout();
    pinned.facilities[0] = {
      ...pinned.facilities[0]!,
      override: 'livekit',
      effectiveProvider: 'livekit',
      reason: 'override',
    };
    const { admin, calls } = fakeServer((call) =>
      call.method === 'PUT' ? json(200, pinned) : json(200, rollout()),
    );
    await admin.load();
    const saving = admin.setOverride('f1', 'livekit');
    expect(admin.store.get().savingFacilities).toEqual(['f1']);
    await saving;

    expect(calls[1]).toEqual({
      method: 'PUT',
      url: '/api/v1/facilities/f1/provider-override',
      body: { override: 'livekit' },
    });
    const state = admin.store.get();
    expect(state.savingFacilities).toEqual([]);
    expect(state.rollout?.facilities[0]?.effectiveProvider).toBe('livekit');
    expect(state.announcement).toBe(
      t('rollout.saved.facility', { name: 'Demo Care Home', provider: 'LiveKit' }),
    );
  });
});

describe('the rollout in words', () => {
  it('says where the gate comes from: configuration or an operator', () => {
    expect(gateSource(rollout())).toBe(t('rollout.source.config', { configured: 'on' }));
    expect(gateSource(rollout({ livekitSwitch: false, livekitEnabled: false }))).toBe(
      t('rollout.source.switchOff', { configured: 'on' }),
    );
  });

  it('tells staff what an open LiveKit circuit means for new visits', () => {
    expect(circuitSentence('livekit', 'open')).toBe(
      'LiveKit is unavailable; new visits use the built-in video until it recovers.',
    );
    expect(circuitSentence('p2p', 'closed')).toBe('Built-in video is working normally.');
  });

  it('explains a facility in the percentage rollout by its bucket', () => {
    const facility = { ...rollout().facilities[0]!, reason: 'rollout' as const, bucket: 3 };
    expect(reasonWords(facility, 10)).toBe(
      t('rollout.reason.rollout', { bucket: 3, percentage: 10 }),
    );
  });

  it('accepts whole percentages from 0 to 100 only', () => {
    expect(parsePercentage('0')).toBe(0);
    expect(parsePercentage('100')).toBe(100);
    expect(parsePercentage('1e2')).toBeUndefined();
  });

  it('names the providers the product knows, and shows any other as it came', () => {
    expect(providerName('livekit')).toBe('LiveKit');
    expect(providerName('jitsi')).toBe('jitsi');
    expect(overrideLabel(null)).toBe(t('rollout.override.none'));
    expect(overrideLabel('p2p')).toBe(
      t('rollout.override.pinned', { provider: providerName('p2p') }),
    );
  });

  it('announces what a facility’s new visits get after its override was saved', () => {
    expect(overrideAnnouncement(rollout(), 'f2')).toBe(
      t('rollout.saved.facility', { name: 'Demo Clinic (LiveKit)', provider: 'LiveKit' }),
    );
    expect(overrideAnnouncement(rollout(), 'gone')).toBe('');
  });
});
