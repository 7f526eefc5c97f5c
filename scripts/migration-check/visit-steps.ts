// The visit half of the check: one synthetic visit end to end through the product's HTTP API and
// LiveKit's own SDKs — create, invite, knock, admit, join, hear each other, webhooks, record,
// leave, end — and the clean-up that ends it when a step failed half-way.
import type {
  Invite,
  JoinCredentials,
  LobbyTicket,
  Recording,
  Visit,
  VisitParticipant,
} from '@openconnect/contracts';
import { step, type CheckContext } from './check-context.ts';
import { eventually } from './eventually.ts';
import { signalUrl } from './livekit-service.ts';
import { SyntheticParticipant } from './participant.ts';
import { CheckFailure, describeError, type Step } from './steps.ts';
import { readWebhookCount } from './webhook-metrics.ts';

const sameHost = (a: string, b: string) => {
  try {
    return new URL(signalUrl(a)).host === new URL(signalUrl(b)).host;
  } catch {
    return false;
  }
};

/** Adds what to look at when webhooks do not arrive or do not verify. */
async function explainWebhooks(publicUrl: string, run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    throw new CheckFailure(
      `${describeError(error)}; check that LiveKit sends webhooks to ${publicUrl}/api/v1/webhooks/livekit, can reach it, and signs them with LIVEKIT_API_KEY`,
    );
  }
}

/** The synthetic visit's steps, in order. */
export function visitSteps({ settings, api, livekit, state }: CheckContext): Step[] {
  const visitPath = () => `/api/v1/visits/${state.visit!.id}`;
  const participants = (signal: AbortSignal) =>
    api.call<VisitParticipant[]>('GET', `${visitPath()}/participants`, { signal });

  return [
    step('visit-create', 'Create a visit', async (signal) => {
      state.visit = await api.call<Visit>('POST', '/api/v1/visits', {
        body: {
          facilityId: state.facilityId,
          title: `Migration check ${new Date().toISOString()}`,
        },
        expected: 201,
        signal,
      });
      if (state.visit.provider !== null && state.visit.provider !== 'livekit')
        throw new CheckFailure(
          `the visit was put on ${state.visit.provider}, not LiveKit: the rollout or a fallback moved it`,
        );
      return `visit ${state.visit.id} on ${state.visit.provider ?? '(chosen at first join)'}`;
    }),
    step('invite', 'Invite a visitor', async (signal) => {
      const invite = await api.call<Invite>('POST', `${visitPath()}/invites`, {
        body: {},
        expected: 201,
        signal,
      });
      state.inviteCode = invite.code;
      return 'invite link issued';
    }),
    step('knock', 'The visitor knocks in the waiting room', async (signal) => {
      state.ticket = await api.call<LobbyTicket>(
        'POST',
        `/api/v1/invites/${state.inviteCode}/lobby`,
        {
          body: { displayName: 'Migration check visitor' },
          expected: 201,
          signal,
        },
      );
      return `waiting-room entry ${state.ticket.entryId} (${state.ticket.status})`;
    }),
    step('admit', 'Staff admit the visitor', async (signal) => {
      const entry = await api.call<{ status: string }>(
        'POST',
        `/api/v1/lobby/${state.ticket!.entryId}/admit`,
        { body: {}, signal },
      );
      if (entry.status !== 'admitted') throw new CheckFailure(`the entry is ${entry.status}`);
      return 'admitted';
    }),
    step('host-join', 'The host joins LiveKit with the issued credentials', async (signal) => {
      const credentials = await api.call<JoinCredentials>('POST', `${visitPath()}/join`, {
        body: {},
        signal,
      });
      state.hostCredentials = credentials;
      if (credentials.provider !== 'livekit')
        throw new CheckFailure(
          `the server issued ${credentials.provider} credentials: the visit fell back from LiveKit (see provider_fallback_total and the audit log)`,
        );
      if (!sameHost(credentials.url, settings.livekit.url))
        throw new CheckFailure(
          `the server issued credentials for ${credentials.url} but LIVEKIT_URL is ${settings.livekit.url}: the check is pointed at another LiveKit`,
        );
      state.host = new SyntheticParticipant(credentials.identity);
      await state.host.connect(credentials.url, credentials.token);
      await state.host.publishTone();
      return `${credentials.identity} connected to ${credentials.url}, publishing audio`;
    }),
    step('visitor-join', 'The visitor joins and hears the host', async (signal) => {
      const credentials = await api.call<JoinCredentials>(
        'POST',
        `/api/v1/lobby/${state.ticket!.entryId}/join`,
        { body: {}, bearer: state.ticket!.visitorToken, signal },
      );
      state.visitorCredentials = credentials;
      if (credentials.provider !== 'livekit')
        throw new CheckFailure(`the visitor got ${credentials.provider} credentials, not LiveKit`);
      state.visitor = new SyntheticParticipant(credentials.identity);
      await state.visitor.connect(credentials.url, credentials.token);
      await state.host!.sees(credentials.identity, signal);
      const frames = await state.visitor.hears(state.hostCredentials!.identity, signal);
      return `${credentials.identity} connected; both see each other; ${frames} audio frames from the host`;
    }),
    step('livekit-room', "LiveKit's RoomService sees both in the visit's room", async (signal) => {
      const ids = [state.hostCredentials!.identity, state.visitorCredentials!.identity];
      await eventually(
        () => livekit.participants(state.visit!.id),
        (present) => ids.every((id) => present.includes(id)),
        `${ids.join(' and ')} in room ${state.visit!.id}`,
        signal,
      );
      return `room ${state.visit!.id}: ${ids.join(', ')}`;
    }),
    step('webhooks', 'LiveKit webhooks arrive and are verified', (signal) =>
      explainWebhooks(settings.publicUrl, async () => {
        await eventually(
          () => participants(signal),
          (list) => list.length >= 2 && list.every((p) => p.joinedAt !== null),
          'both participants marked joined (participant_joined webhooks)',
          signal,
        );
        const before = state.webhooksBefore!;
        if (!before.readable)
          return `participants marked joined; /metrics not readable (${before.why}), so the webhook counter was not checked`;
        const after = await eventually(
          () => readWebhookCount(api, settings.metricsToken, signal),
          (now) => now.readable && now.count > before.count,
          'openconnect_webhook_lag_seconds_count{provider="livekit"} to rise',
          signal,
        );
        const counted = after.readable ? after.count - before.count : 0;
        return `participants marked joined; ${counted} verified webhook(s) counted`;
      }),
    ),
    step('recording', 'Record with consent, stop, and get the file', async (signal) => {
      if (!state.record) return 'skipped: recording not enabled';
      const started = await api.call<Recording>('POST', `${visitPath()}/recordings`, {
        body: { everyoneInformed: true },
        expected: 201,
        signal,
      });
      const current = () =>
        api
          .call<Recording[]>('GET', `${visitPath()}/recordings`, { signal })
          .then((list) => list.find((r) => r.id === started.id));
      const active = await eventually(
        current,
        (r) => r?.status === 'active' || r?.status === 'failed',
        'the recording to become active (egress_started/egress_updated webhooks)',
        signal,
      );
      if (active?.status === 'failed')
        throw new CheckFailure(`egress failed: ${active.error ?? 'no reason given'}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await api.call<Recording>('POST', `/api/v1/recordings/${started.id}/stop`, {
        body: {},
        signal,
      });
      const done = await eventually(
        current,
        (r) => r?.status === 'failed' || (r?.status === 'ended' && r.location !== null),
        "the recording's file location (egress_ended webhook)",
        signal,
      );
      if (done?.status === 'failed')
        throw new CheckFailure(`egress failed: ${done.error ?? 'no reason given'}`);
      return `recorded to ${done!.location}`;
    }),
    step('leave', 'Both leave; the server sees them go', async (signal) => {
      await state.visitor!.leave();
      await state.host!.leave();
      await eventually(
        () => participants(signal),
        (list) => list.every((p) => p.leftAt !== null),
        'both participants marked left (participant_left webhooks)',
        signal,
      );
      return 'both marked left';
    }),
    step('visit-end', "End the visit; LiveKit's room is closed", async (signal) => {
      const ended = await api.call<Visit>('POST', `${visitPath()}/end`, { body: {}, signal });
      state.ended = true;
      if (ended.status !== 'ended') throw new CheckFailure(`the visit is ${ended.status}`);
      await eventually(
        () => livekit.listRooms([state.visit!.id]),
        (rooms) => rooms.length === 0,
        `room ${state.visit!.id} to be gone from LiveKit`,
        signal,
      );
      return 'visit ended, room closed';
    }),
  ];
}

/** Leaves LiveKit and ends the visit if a step failed half-way; never throws. */
export async function cleanUpVisit({ api, state }: CheckContext): Promise<void> {
  await state.visitor?.leave().catch(() => undefined);
  await state.host?.leave().catch(() => undefined);
  if (state.visit && !state.ended)
    await api
      .request('POST', `/api/v1/visits/${state.visit.id}/end`, { body: {} })
      .catch(() => undefined);
}
