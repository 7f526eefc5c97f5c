// The deployment half of the check: LiveKit answers at LIVEKIT_URL and accepts the key and
// secret, OpenConnect is ready with a healthy LiveKit provider, the staff account works, a
// facility goes to LiveKit, and Egress answers when the visit will be recorded.
import type { PublicConfig, RolloutState } from '@openconnect/contracts';
import { step, type CheckContext } from './check-context.ts';
import { CheckFailure, type Step } from './steps.ts';
import { readWebhookCount } from './webhook-metrics.ts';

/** The steps that check the deployment's configuration, in order. */
export function deploymentSteps({ settings, api, livekit, state }: CheckContext): Step[] {
  return [
    step('livekit-reachable', 'LiveKit answers at LIVEKIT_URL', (signal) =>
      livekit.reachable(signal),
    ),
    step('livekit-credentials', 'RoomService accepts the API key and secret', async () => {
      const rooms = await livekit.listRooms();
      return `ListRooms answered: ${rooms.length} room(s) open`;
    }),
    step(
      'openconnect-ready',
      'OpenConnect is ready and its LiveKit provider healthy',
      async (signal) => {
        const res = await api.request<{ checks?: { name: string; ok: boolean; error?: string }[] }>(
          'GET',
          '/readyz',
          { signal },
        );
        const checks = res.body?.checks ?? [];
        const failing = checks.filter((c) => !c.ok);
        if (res.status !== 200 || failing.length > 0)
          throw new CheckFailure(
            `/readyz answered ${res.status}: ${failing.map((c) => `${c.name}: ${c.error ?? 'failing'}`).join('; ') || 'not ready'}`,
          );
        if (!checks.some((c) => c.name === 'provider:livekit'))
          throw new CheckFailure(
            '/readyz has no provider:livekit check: the server runs without LiveKit (set FEATURE_LIVEKIT and the LIVEKIT_* variables)',
          );
        return `ready: ${checks.map((c) => c.name).join(', ')}`;
      },
    ),
    step('sign-in', 'Staff sign-in', async (signal) => {
      if (settings.email && settings.password)
        await api.signIn(settings.email, settings.password, signal);
      const me = await api.call<{ email?: string }>('GET', '/api/v1/auth/me', { signal });
      return `signed in as ${me.email ?? 'the session given'}`;
    }),
    step('livekit-facility', 'A facility whose new visits go to LiveKit', async (signal) => {
      const config = await api.call<PublicConfig>('GET', '/api/v1/config', { signal });
      if (!config.featureLiveKit || !config.providers.livekit)
        throw new CheckFailure(
          'the server has LiveKit off (GET /api/v1/config: featureLiveKit false or no livekit provider)',
        );
      const rollout = await api.call<RolloutState>('GET', '/api/v1/rollout', { signal });
      const circuit = rollout.circuit.livekit;
      if (circuit && circuit !== 'closed')
        throw new CheckFailure(`LiveKit's circuit breaker is ${circuit}: visits fall back to p2p`);
      const onLiveKit = rollout.facilities.filter((f) => f.effectiveProvider === 'livekit');
      const facility = settings.facilityId
        ? rollout.facilities.find((f) => f.facilityId === settings.facilityId)
        : onLiveKit[0];
      if (!facility)
        throw new CheckFailure(
          settings.facilityId
            ? `facility ${settings.facilityId} is not visible to this account`
            : 'no facility visible to this account goes to LiveKit: pin a staging facility to LiveKit (rollout page) or set MIGRATION_CHECK_FACILITY_ID',
        );
      if (facility.effectiveProvider !== 'livekit')
        throw new CheckFailure(
          `facility "${facility.name}" goes to ${facility.effectiveProvider} (${facility.reason}), not LiveKit`,
        );
      state.facilityId = facility.facilityId;
      const canRecord = config.providers.livekit.recording;
      state.record =
        settings.recording === 'on' || (settings.recording === 'auto' && canRecord === true);
      if (settings.recording === 'on' && !canRecord)
        throw new CheckFailure(
          'MIGRATION_CHECK_RECORDING=on but the server reports LiveKit cannot record',
        );
      state.webhooksBefore = await readWebhookCount(api, settings.metricsToken, signal);
      return `"${facility.name}" (${facility.reason}); recording ${state.record ? 'on' : 'off'}`;
    }),
    step('egress-available', 'Egress answers (recording enabled)', async () => {
      if (!state.record) return 'skipped: recording not enabled';
      const active = await livekit.listEgress();
      return `ListEgress answered: ${active} active egress(es)`;
    }),
  ];
}
