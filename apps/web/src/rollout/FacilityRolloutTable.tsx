// The rollout's facilities as a table: each facility's setting (a select that saves at once),
// its bucket, and the provider its new visits get with the reason in words.
import type { RolloutState } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import type { ProviderChoice } from './rollout-api.ts';
import { overrideLabel, providerName, reasonWords } from './rollout-words.ts';

interface FacilityRolloutTableProps {
  rollout: RolloutState;
  /** Facilities whose setting is being saved. */
  saving: readonly string[];
  onOverride(facilityId: string, override: ProviderChoice | null): void;
}

const choices: ReadonlyArray<ProviderChoice | null> = [null, 'p2p', 'livekit'];

function parseChoice(value: string): ProviderChoice | null {
  return value === 'p2p' || value === 'livekit' ? value : null;
}

/** The facilities of the rollout. */
export function FacilityRolloutTable({ rollout, saving, onOverride }: FacilityRolloutTableProps) {
  return (
    <section className="panel" aria-labelledby="rollout-facilities-heading">
      <h2 id="rollout-facilities-heading">{t('rollout.facilities.title')}</h2>
      {rollout.facilities.length === 0 ? (
        <p>{t('rollout.facilities.empty')}</p>
      ) : (
        <div className="rollout__table-scroll">
          <table className="rollout__table">
            <thead>
              <tr>
                <th scope="col">{t('rollout.facilities.name')}</th>
                <th scope="col">{t('rollout.facilities.override')}</th>
                <th scope="col">{t('rollout.facilities.bucket')}</th>
                <th scope="col">{t('rollout.facilities.provider')}</th>
              </tr>
            </thead>
            <tbody>
              {rollout.facilities.map((facility) => {
                const busy = saving.includes(facility.facilityId);
                const selectId = `override-${facility.facilityId}`;
                return (
                  <tr
                    key={facility.facilityId}
                    data-facility-id={facility.facilityId}
                    data-provider={facility.effectiveProvider}
                  >
                    <th scope="row">{facility.name}</th>
                    <td>
                      <label htmlFor={selectId} className="visually-hidden">
                        {t('rollout.override.label', { name: facility.name })}
                      </label>
                      <select
                        id={selectId}
                        className="field__input"
                        value={facility.override ?? ''}
                        aria-busy={busy || undefined}
                        onChange={(e) => {
                          if (!busy) onOverride(facility.facilityId, parseChoice(e.target.value));
                        }}
                      >
                        {choices.map((choice) => (
                          <option key={choice ?? 'none'} value={choice ?? ''}>
                            {overrideLabel(choice)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{facility.bucket}</td>
                    <td>
                      <strong>{providerName(facility.effectiveProvider)}</strong>{' '}
                      <span className="rollout__reason">
                        {reasonWords(facility, rollout.percentage)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
