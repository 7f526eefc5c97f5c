// Which provider a new visit uses. One function decides it, so policy has one home.
import type { Config } from '../config/schema.ts';
import type { ProviderType } from '../providers/video-provider-factory.ts';

/** The provider for a visit that has none pinned yet. LiveKit only behind the global gate. */
export function chooseProvider(config: Config, _facilityId: string): ProviderType {
  if (config.providerType === 'livekit' && config.featureLiveKit) return 'livekit';
  return 'p2p';
}
