// What the check's steps share: its settings, the two APIs it talks to, and what earlier steps
// learned (the facility, the visit, the participants) for later ones.
import type { JoinCredentials, LobbyTicket, Visit } from '@openconnect/contracts';
import { LiveKitService } from './livekit-service.ts';
import { OpenConnectApi } from './openconnect-api.ts';
import type { SyntheticParticipant } from './participant.ts';
import type { CheckSettings } from './settings.ts';
import type { Step } from './steps.ts';
import type { WebhookCount } from './webhook-metrics.ts';

/** What the steps learn and hand on to later ones. */
export interface CheckState {
  facilityId?: string;
  record?: boolean;
  webhooksBefore?: WebhookCount;
  visit?: Visit;
  inviteCode?: string;
  ticket?: LobbyTicket;
  host?: SyntheticParticipant;
  visitor?: SyntheticParticipant;
  hostCredentials?: JoinCredentials;
  visitorCredentials?: JoinCredentials;
  ended?: boolean;
}

export interface CheckContext {
  readonly settings: CheckSettings;
  readonly api: OpenConnectApi;
  readonly livekit: LiveKitService;
  readonly state: CheckState;
}

/** A fresh context for one run against the deployment `settings` describe. */
export function createCheckContext(settings: CheckSettings): CheckContext {
  return {
    settings,
    api: new OpenConnectApi(settings.publicUrl, settings.session),
    livekit: new LiveKitService(settings.livekit, settings.stepTimeoutMs),
    state: {},
  };
}

/** A step of the check. */
export const step = (name: string, title: string, run: Step['run']): Step => ({ name, title, run });
