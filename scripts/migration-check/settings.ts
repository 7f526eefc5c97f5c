// What the migration check is pointed at, read once from the environment: the deployment, a
// staff account on it, and the LiveKit deployment the server is configured with.

/** The check's settings; `env` names are in `SETTINGS_HELP`. */
export interface CheckSettings {
  /** The deployment's base URL, without a trailing slash. */
  readonly publicUrl: string;
  /** Sign in with these, or reuse `session` (the `oc_session` cookie's value). */
  readonly email: string | undefined;
  readonly password: string | undefined;
  readonly session: string | undefined;
  readonly livekit: { readonly url: string; readonly apiKey: string; readonly secret: string };
  /** The facility to run the synthetic visit in; by default the first one on LiveKit. */
  readonly facilityId: string | undefined;
  /** `auto` records when the server says LiveKit can; `on` insists; `off` skips. */
  readonly recording: 'auto' | 'on' | 'off';
  readonly metricsToken: string | undefined;
  /** Time limit of each step. */
  readonly stepTimeoutMs: number;
}

export const SETTINGS_HELP = `Settings (environment variables):
  PUBLIC_URL                     the deployment, e.g. https://visits.example.org (required)
  MIGRATION_CHECK_EMAIL          a staff account with access to a LiveKit facility, and
  MIGRATION_CHECK_PASSWORD       its password; or instead
  MIGRATION_CHECK_SESSION        the value of a signed-in oc_session cookie
  LIVEKIT_URL                    the LiveKit deployment the server uses (required)
  LIVEKIT_API_KEY                its API key (required)
  LIVEKIT_SECRET                 its secret (required)
  MIGRATION_CHECK_FACILITY_ID    facility for the synthetic visit (default: first on LiveKit)
  MIGRATION_CHECK_RECORDING      auto (default: when LiveKit can record) | on | off
  METRICS_TOKEN                  bearer token of /metrics, when the deployment sets one
  MIGRATION_CHECK_TIMEOUT_SECONDS  time limit of each step (default 30)`;

/** Settings that cannot work, each naming its variable. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`The migration check cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

const present = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** Reads and validates the settings; throws `SettingsError` listing every problem. */
export function readSettings(env: Record<string, string | undefined>): CheckSettings {
  const problems: string[] = [];
  const publicUrl = present(env.PUBLIC_URL);
  if (!publicUrl) problems.push('PUBLIC_URL is required (the deployment to check)');
  else if (!/^https?:\/\/[^/]/.test(publicUrl))
    problems.push(`PUBLIC_URL must be an http(s) URL (got "${publicUrl}")`);

  const email = present(env.MIGRATION_CHECK_EMAIL);
  const password = present(env.MIGRATION_CHECK_PASSWORD);
  const session = present(env.MIGRATION_CHECK_SESSION);
  if (!session && !(email && password))
    problems.push(
      'MIGRATION_CHECK_EMAIL and MIGRATION_CHECK_PASSWORD, or MIGRATION_CHECK_SESSION, are required',
    );

  const url = present(env.LIVEKIT_URL);
  const apiKey = present(env.LIVEKIT_API_KEY);
  const secret = present(env.LIVEKIT_SECRET);
  if (!url) problems.push('LIVEKIT_URL is required (the LiveKit deployment the server uses)');
  else if (!/^(wss?|https?):\/\/[^/]/.test(url))
    problems.push(`LIVEKIT_URL must be a ws(s):// or http(s):// URL (got "${url}")`);
  if (!apiKey) problems.push('LIVEKIT_API_KEY is required');
  if (!secret) problems.push('LIVEKIT_SECRET is required');

  const recording = present(env.MIGRATION_CHECK_RECORDING) ?? 'auto';
  if (recording !== 'auto' && recording !== 'on' && recording !== 'off')
    problems.push(`MIGRATION_CHECK_RECORDING must be auto, on or off (got "${recording}")`);

  const timeout = Number(present(env.MIGRATION_CHECK_TIMEOUT_SECONDS) ?? '30');
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 600)
    problems.push('MIGRATION_CHECK_TIMEOUT_SECONDS must be a number of seconds from 1 to 600');

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    publicUrl: publicUrl!.replace(/\/+$/, ''),
    email,
    password,
    session,
    livekit: { url: url!, apiKey: apiKey!, secret: secret! },
    facilityId: present(env.MIGRATION_CHECK_FACILITY_ID),
    recording: recording as CheckSettings['recording'],
    metricsToken: present(env.METRICS_TOKEN),
    stepTimeoutMs: timeout * 1000,
  };
}
