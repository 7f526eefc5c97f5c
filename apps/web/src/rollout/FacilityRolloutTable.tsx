// The rollout's facilities as a table: each facility's setting (a select that saves at once),
// its bucket, and the provider its new visits get with the reason in words.
import type { FacilityRollout, RolloutState } from '@openconnect/contracts';
import {
  isProviderName,
  PROVIDER_TYPES,
  type ProviderName,
} from '@openconnect/contracts/provider-types';
import { t } from '../i18n/t.ts';
import { overrideLabel, providerName, reasonWords } from './rollout-words.ts';

interface FacilityRolloutTableProps {
  rollout: RolloutState;
  /** Facilities whose setting is being saved. */
  saving: readonly string[];
  onOverride(facilityId: string, override: ProviderName | null): void;
}

/** "Follow the rollout" first, then each provider the product knows. */
const choices: ReadonlyArray<ProviderName | null> = [null, ...PROVIDER_TYPES];

function parseChoice(value: string): ProviderName | null {
  return isProviderName(value) ? value : null;
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
              {rollout.facilities.map((facility) => (
                <FacilityRow
                  key={facility.facilityId}
                  facility={facility}
                  percentage={rollout.percentage}
                  busy={saving.includes(facility.facilityId)}
                  onOverride={onOverride}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface FacilityRowProps {
  facility: FacilityRollout;
  percentage: number;
  busy: boolean;
  onOverride: FacilityRolloutTableProps['onOverride'];
}

/** One facility: its setting, its bucket, and what its new visits get and why. */
function FacilityRow({ facility, percentage, busy, onOverride }: FacilityRowProps) {
  const selectId = `override-${facility.facilityId}`;
  return (
    <tr data-facility-id={facility.facilityId} data-provider={facility.effectiveProvider}>
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
            if (!busy) onOverride(facility.facilityId, parseChoice(e.currentTarget.value));
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
        <span className="rollout__reason">{reasonWords(facility, percentage)}</span>
      </td>
    </tr>
  );
}
