// What the server tells the web app about its configuration: whether LiveKit is on, the default
// provider, and what each provider can do. The UI hides what a visit's provider cannot do.
import type { Capabilities, PublicConfig, Visit } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

let cached: Promise<PublicConfig> | undefined;

/** The server's public config, fetched once per page load (a failure is retried next call). */
export function getPublicConfig(): Promise<PublicConfig> {
  cached ??= apiFetch<PublicConfig>('/config').catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** What a visit's provider can do: its pinned provider, else the one new visits get. */
export function capabilitiesOf(
  visit: Pick<Visit, 'provider'>,
  config: PublicConfig,
): Capabilities | undefined {
  const provider = visit.provider ?? config.defaultProvider;
  return config.providers[provider];
}
