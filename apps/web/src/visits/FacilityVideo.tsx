// Which video provider the facility's new visits use and the rule that chose it, in a sentence;
// and, when that provider is unavailable, what new visits use instead.
import type { FacilityVideo as Video } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { providerName } from '../rollout/rollout-words.ts';

/** The dashboard's line about the facility's video. */
export function FacilityVideo({ video }: { video: Video }) {
  const chosen = video.fallback?.from ?? video.provider;
  return (
    <p className="dashboard__video" data-provider={video.provider}>
      {t('dashboard.video', {
        provider: providerName(chosen),
        reason: t(`dashboard.video.reason.${video.reason}`),
      })}
      {video.fallback && (
        <>
          {' '}
          {t('dashboard.video.fallback', {
            provider: providerName(video.fallback.from),
            fallback: providerName(video.provider),
          })}
        </>
      )}
    </p>
  );
}
