// The providers OpenConnect knows: one registration line each. A provider's name is declared in
// `PROVIDER_TYPES` (packages/contracts); everything else about it lives in its own folder.
import type { ProviderRegistration } from './video-provider-factory.ts';
import { VideoProviderFactory } from './video-provider-factory.ts';
import { livekitRegistration } from './livekit/index.ts';
import { p2pRegistration } from './p2p/index.ts';

/** Every built-in provider. The first is the legacy provider, which always runs. */
export const builtInProviders: readonly ProviderRegistration[] = [
  p2pRegistration,
  livekitRegistration,
];

/** A factory with the built-in providers registered (and any given, for tests). */
export function createProviderFactory(
  registrations: readonly ProviderRegistration[] = builtInProviders,
): VideoProviderFactory {
  const factory = new VideoProviderFactory();
  for (const registration of registrations) factory.register(registration);
  return factory;
}
