// The default switch on the rollout page: it loads the criteria and the default, asks before
// changing it, sends the change on offer, and says in words that stay true what each criterion
// shows and whom a change moves.
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  DefaultProviderState,
  StabilityCriterion,
  StabilityReport,
} from '@openconnect/contracts';
import { createApiFetch } from '../api/client.ts';
import { loadMessages, t } from '../i18n/t.ts';
import { createDefaultSwitch, createDefaultSwitchApi } from './default-switch.ts';
import {
  changeConsequence,
  changeLabel,
  criterionMeasure,
  criterionStatus,
  defaultSource,
  verdictWords,
} from './default-words.ts';

beforeAll(() => loadMessages('staff'));

const criterion = (over: Partial<StabilityCriterion>): StabilityCriterion => ({
  id: 'join_failure_rate',
  status: 'met',
  value: 1,
  threshold: 2,
  unit: 'percent',
  samples: 400,
  minSamples: 200,
  source: 'facilities',
  ...over,
});

const report: StabilityReport = {
  windowDays: 14,
  since: '2026-11-22T00:00:00.000Z',
  facilityCount: 2,
  criteria: [criterion({})],
  verdict: 'not_enough_data',
};

const defaults = (over: Partial<DefaultProviderState> = {}): DefaultProviderState => ({
  provider: 'p2p',
  source: 'config',
  configured: 'p2p',
  changedAt: null,
  changedBy: null,
  change: { to: 'livekit', affected: [{ facilityId: 'f1', name: 'Demo Care Home' }] },
  p2pFacilities: [{ facilityId: 'f1', name: 'Demo Care Home', reason: 'default' }],
  ...over,
});

function fakeServer(after: DefaultProviderState) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const apiFetch = createApiFetch(async (url, init) => {
    calls.push({
      method: init.method ?? 'GET',
      url,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const body = url.endsWith('/stability') ? report : init.method === 'PUT' ? after : defaults();
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { calls, sw: createDefaultSwitch(createDefaultSwitchApi(apiFetch)) };
}

describe('the default switch', () => {
  it('asks first, then sends the change on offer and announces it', async () => {
    const switched = defaults({
      provider: 'livekit',
      source: 'operator',
      change: { to: 'p2p', affected: [] },
    });
    const { sw, calls } = fakeServer(switched);
    await sw.load();
    expect(sw.store.get().status).toBe('ready');

    expect(await sw.confirm()).toBe(false); // Not without the question first.
    sw.request();
    expect(sw.store.get().confirming).toBe(true);
    expect(await sw.confirm()).toBe(true);

    expect(calls.at(-1)).toEqual({
      method: 'PUT',
      url: '/api/v1/rollout/default-provider',
      body: { provider: 'livekit' },
    });
    expect(sw.store.get()).toMatchObject({ confirming: false, defaults: switched });
    expect(sw.store.get().announcement).toBe(t('rollout.default.saved.livekit'));
  });

  it('cancels without sending anything', async () => {
    const { sw, calls } = fakeServer(defaults());
    await sw.load();
    sw.request();
    sw.cancel();
    expect(await sw.confirm()).toBe(false);
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });
});

describe('the default switch in words', () => {
  it('never calls a criterion without enough data met', () => {
    const few = criterion({ status: 'no_data', value: null, samples: 12 });
    expect(criterionStatus(few)).toBe('Not enough data yet');
    expect(criterionMeasure(few)).toContain('Too few to judge.');
    expect(criterionMeasure(few)).toContain('12 so far; at least 200 needed.');
    expect(criterionMeasure(few)).not.toContain('Measured');
  });

  it('gives the measured value against the threshold', () => {
    expect(criterionMeasure(criterion({ status: 'not_met', value: 2.5 }))).toBe(
      'Measured: 2.5%. Allowed: at most 2%. Based on 400 (at least 200 needed).',
    );
    expect(
      criterionMeasure(
        criterion({
          id: 'first_frame_p95',
          unit: 'seconds',
          status: 'not_met',
          value: null,
          threshold: 5,
        }),
      ),
    ).toMatch(/^Measured: more than 20 s\. Allowed: at most 5 s\./);
  });

  it('judges feedback like the rest: the share that reports a problem', () => {
    const feedback = criterion({
      id: 'feedback',
      status: 'met',
      value: 5,
      threshold: 10,
      samples: 40,
      minSamples: 30,
    });
    expect(criterionStatus(feedback)).toBe('Met');
    expect(criterionMeasure(feedback)).toBe(
      'Measured: 5%. Allowed: at most 10%. Based on 40 (at least 30 needed).',
    );
  });

  it('names the window in the verdict', () => {
    expect(verdictWords(report)).toContain('14 days');
  });

  it('names the facilities a switch moves, what it keeps, and warns when not stable', () => {
    const d = defaults();
    expect(changeLabel(d)).toBe('Make LiveKit the default');
    const words = changeConsequence(d, report);
    expect(words).toContain('New visits will use LiveKit at these facilities (1): Demo Care Home.');
    expect(words).toContain('visits under way keep their video');
    expect(words).toContain(t('rollout.default.notStable'));
    expect(changeConsequence(d, { ...report, verdict: 'stable' })).not.toContain(
      t('rollout.default.notStable'),
    );
  });

  it('offers the rollback once LiveKit is the default, and says who set it', () => {
    const d = defaults({
      provider: 'livekit',
      source: 'operator',
      changedBy: 'ops@example.test',
      changedAt: '2026-12-06T10:00:00.000Z',
      change: { to: 'p2p', affected: [] },
    });
    expect(changeLabel(d)).toBe('Roll the default back to the built-in video');
    expect(defaultSource(d)).toMatch(/^The default is LiveKit, set by ops@example\.test on /);
    expect(changeConsequence(d)).toMatch(/^No facility changes video right now\./);
  });
});
