// The rollout page's part for operators: whether LiveKit is stable enough to be the default (each
// criterion met, not met, or without enough data), the default with its one change behind a
// confirmation that names the facilities it moves, and the facilities still on the built-in video.
import { useEffect, useMemo, useRef } from 'react';
import type { DefaultProviderState, RolloutState, StabilityReport } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmGroup } from '../ui/ConfirmGroup.tsx';
import { LiveMessage, Notice } from '../ui/Notice.tsx';
import { createDefaultSwitch, type DefaultSwitch } from './default-switch.ts';
import {
  changeConsequence,
  changeLabel,
  changeQuestion,
  changeYes,
  criteriaIntro,
  criterionMeasure,
  criterionName,
  criterionSource,
  criterionStatus,
  defaultSource,
  p2pReasonWords,
  verdictWords,
} from './default-words.ts';

interface Props {
  /** The rollout as the page shows it: when it changes, what is on offer may have too. */
  rollout: RolloutState;
  /** After the default changed: the page reloads the facility table. */
  onChanged(): void;
  onUnauthenticated(): void;
}

export function DefaultSwitchPanels({ rollout, onChanged, onUnauthenticated }: Props) {
  const sw = useMemo(() => createDefaultSwitch(), []);
  const state = useStore(sw.store);
  useEffect(() => {
    const stop = sw.onUnauthenticated(onUnauthenticated);
    void sw.load();
    return stop;
  }, [sw, onUnauthenticated]);
  // The rollout above changed (the switch, the percentage, an override): read the default again.
  useEffect(() => {
    if (sw.store.get().status === 'ready') void sw.load();
  }, [sw, rollout]);

  if (state.status === 'failed')
    return (
      <Notice tone="error">
        {t('rollout.criteria.error')} {errorMessage(state.error)}
      </Notice>
    );
  if (!state.stability || !state.defaults) return null;
  return (
    <>
      <CriteriaPanel report={state.stability} />
      <DefaultPanel
        sw={sw}
        defaults={state.defaults}
        report={state.stability}
        livekitEnabled={rollout.livekitEnabled}
        onChanged={onChanged}
      />
      <P2pPanel defaults={state.defaults} />
    </>
  );
}

function CriteriaPanel({ report }: { report: StabilityReport }) {
  return (
    <section className="panel" aria-labelledby="rollout-criteria-heading">
      <h2 id="rollout-criteria-heading">{t('rollout.criteria.title')}</h2>
      <p>{criteriaIntro(report)}</p>
      <p className={`rollout__verdict rollout__verdict--${report.verdict}`}>
        {verdictWords(report)}
      </p>
      <ul className="rollout__criteria">
        {report.criteria.map((c) => (
          <li
            key={c.id}
            className="rollout__criterion"
            data-criterion={c.id}
            data-status={c.status}
          >
            <span className="rollout__criterion-name">{criterionName(c)}</span>
            <span className={`rollout__status rollout__status--${c.status}`}>
              {criterionStatus(c)}
            </span>
            <span className="rollout__criterion-measure">{criterionMeasure(c)}</span>
            {criterionSource(c) && (
              <span className="rollout__criterion-source">{criterionSource(c)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface DefaultPanelProps {
  sw: DefaultSwitch;
  defaults: DefaultProviderState;
  report: StabilityReport;
  livekitEnabled: boolean;
  onChanged(): void;
}

function DefaultPanel({ sw, defaults, report, livekitEnabled, onChanged }: DefaultPanelProps) {
  const state = useStore(sw.store);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Focus moves to the question (ConfirmGroup), then back to the button that replaced it.
    if (!state.confirming && wasConfirming.current) buttonRef.current?.focus();
    wasConfirming.current = state.confirming;
  }, [state.confirming]);
  const blocked = defaults.change.to === 'livekit' && !livekitEnabled;

  return (
    <section className="panel" aria-labelledby="rollout-default-heading">
      <h2 id="rollout-default-heading">{t('rollout.default.title')}</h2>
      <p className="rollout__gate-state">{defaultSource(defaults)}</p>
      <LiveMessage message={state.announcement} />
      {state.actionError !== undefined && (
        <Notice tone="error" onDismiss={sw.cancel}>
          {errorMessage(state.actionError, { CONFLICT: 'rollout.default.error.conflict' })}
        </Notice>
      )}
      {blocked ? (
        <p className="field__hint">{t('rollout.default.gateOff')}</p>
      ) : state.confirming ? (
        <ConfirmGroup
          className="rollout__confirm"
          question={changeQuestion(defaults)}
          consequence={changeConsequence(defaults, report)}
          confirmLabel={changeYes(defaults)}
          busy={state.busy}
          busyLabel={t('rollout.saving')}
          focusQuestion
          onConfirm={() => void sw.confirm().then((saved) => saved && onChanged())}
          onCancel={sw.cancel}
        />
      ) : (
        <div className="rollout__switch">
          <Button
            ref={buttonRef}
            variant={defaults.change.to === 'livekit' ? 'primary' : 'danger'}
            onClick={sw.request}
          >
            {changeLabel(defaults)}
          </Button>
        </div>
      )}
    </section>
  );
}

function P2pPanel({ defaults }: { defaults: DefaultProviderState }) {
  return (
    <section className="panel" aria-labelledby="rollout-p2p-heading">
      <h2 id="rollout-p2p-heading">{t('rollout.p2p.title')}</h2>
      <p>{t('rollout.p2p.intro')}</p>
      {defaults.p2pFacilities.length === 0 ? (
        <p>{t('rollout.p2p.none')}</p>
      ) : (
        <ul className="rollout__p2p">
          {defaults.p2pFacilities.map((f) => (
            <li key={f.facilityId} data-reason={f.reason}>
              <strong>{f.name}</strong>: {p2pReasonWords(f.reason)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
