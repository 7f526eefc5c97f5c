// The admin page of the video provider rollout: the LiveKit switch with its one-step rollback,
// the health of each provider, the percentage of facilities on LiveKit and each facility's
// setting. State and actions live in rollout-admin.ts; this page renders and dispatches.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { RolloutState } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { session } from '../auth/session.ts';
import { t } from '../i18n/t.ts';
import { currentLocation, navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmGroup } from '../ui/ConfirmGroup.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { LiveMessage, Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { DefaultSwitchPanels } from './DefaultSwitchPanels.tsx';
import { FacilityRolloutTable } from './FacilityRolloutTable.tsx';
import {
  createRolloutAdmin,
  rolloutErrorMessage,
  type RolloutAdmin,
  type RolloutAdminState,
} from './rollout-admin.ts';
import { circuitSentence, gateSource, gateSummary } from './rollout-words.ts';
import './rollout.css';

function toSignIn() {
  navigate(paths.signIn(currentLocation()), { replace: true });
}

/** The rollout admin page. */
export default function RolloutPage() {
  const admin = useMemo(() => createRolloutAdmin(), []);
  const state = useStore(admin.store);

  useEffect(() => {
    const stop = admin.onUnauthenticated(() => {
      session.expire();
      toSignIn();
    });
    session.load().then(
      (s) => (s.status === 'signedIn' ? admin.load() : toSignIn()),
      () => admin.load(), // The page's own request will say what is wrong.
    );
    return stop;
  }, [admin]);

  const reload = useCallback(() => void admin.load(), [admin]);
  const expired = useCallback(() => {
    session.expire();
    toSignIn();
  }, []);
  const rollout = state.rollout;
  const forbidden = state.error instanceof ApiError && state.error.code === 'FORBIDDEN';

  return (
    <Layout
      width="wide"
      actions={
        <Link className="button button--secondary" to={paths.home()}>
          {t('rollout.back')}
        </Link>
      }
    >
      <PageHeading title={t('rollout.title')} />
      <p className="lead">{t('rollout.intro')}</p>
      <LiveMessage message={state.announcement} />
      {state.actionError !== undefined && (
        <Notice tone="error" onDismiss={admin.dismissError}>
          {rolloutErrorMessage(state.actionError)}
        </Notice>
      )}

      {state.status === 'loading' && !rollout && <Loading label={t('rollout.loading')} />}
      {state.status === 'failed' &&
        (forbidden ? (
          <Notice tone="error">{t('rollout.forbidden')}</Notice>
        ) : (
          <>
            <Notice tone="error">{rolloutErrorMessage(state.error)}</Notice>
            <Button onClick={() => void admin.load()}>{t('common.tryAgain')}</Button>
          </>
        ))}
      {rollout && (
        <div className="rollout">
          <GatePanel admin={admin} state={state} rollout={rollout} />
          <HealthPanel rollout={rollout} />
          {rollout.canOperate && <PercentagePanel admin={admin} state={state} />}
          {rollout.canOperate && (
            <DefaultSwitchPanels rollout={rollout} onChanged={reload} onUnauthenticated={expired} />
          )}
          <FacilityRolloutTable
            rollout={rollout}
            saving={state.savingFacilities}
            onOverride={(facilityId, override) => void admin.setOverride(facilityId, override)}
          />
        </div>
      )}
    </Layout>
  );
}

interface PanelProps {
  admin: RolloutAdmin;
  state: RolloutAdminState;
}

/** Whether LiveKit is on, what decided it, and the switch (the rollback first and foremost). */
function GatePanel({ admin, state, rollout }: PanelProps & { rollout: RolloutState }) {
  const switching = state.busy === 'switch';
  return (
    <section
      className={`panel rollout__gate rollout__gate--${rollout.livekitEnabled ? 'on' : 'off'}`}
      aria-labelledby="rollout-gate-heading"
    >
      <h2 id="rollout-gate-heading">{t('rollout.gate.title')}</h2>
      <p className="rollout__gate-state">{gateSummary(rollout)}</p>
      <p>{gateSource(rollout)}</p>
      {!rollout.canOperate && <p className="field__hint">{t('rollout.operatorsOnly')}</p>}
      {rollout.canOperate && (
        <div className="rollout__switch">
          {rollout.livekitEnabled && (
            <Rollback admin={admin} confirming={state.confirmingRollback} switching={switching} />
          )}
          {!rollout.livekitEnabled && rollout.livekitAvailable && (
            <Button
              variant="secondary"
              busy={switching}
              busyLabel={t('rollout.saving')}
              onClick={() => void admin.requestSwitch(true)}
            >
              {t('rollout.switchOn')}
            </Button>
          )}
          {rollout.livekitSwitch !== null && !state.confirmingRollback && (
            <Button
              variant="secondary"
              busy={switching}
              busyLabel={t('rollout.saving')}
              onClick={() => void admin.requestSwitch(null)}
            >
              {t('rollout.follow')}
            </Button>
          )}
        </div>
      )}
      {!rollout.livekitAvailable && <p className="field__hint">{t('rollout.notConfigured')}</p>}
    </section>
  );
}

interface RollbackProps {
  admin: RolloutAdmin;
  confirming: boolean;
  switching: boolean;
}

/** The rollback button, and in its place the question that confirms it. */
function Rollback({ admin, confirming, switching }: RollbackProps) {
  const rollbackRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Focus follows the confirmation: onto its question (ConfirmGroup does that), then back to
    // the button it replaced.
    if (!confirming && wasConfirming.current) rollbackRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return confirming ? (
    <ConfirmGroup
      className="rollout__confirm"
      question={t('rollout.rollback.question')}
      consequence={t('rollout.rollback.consequence')}
      confirmLabel={t('rollout.rollback.yes')}
      busy={switching}
      busyLabel={t('rollout.saving')}
      focusQuestion
      onConfirm={() => void admin.confirmRollback()}
      onCancel={admin.cancelRollback}
    />
  ) : (
    <Button
      ref={rollbackRef}
      variant="danger"
      className="rollout__rollback"
      busy={switching}
      busyLabel={t('rollout.saving')}
      onClick={() => void admin.requestSwitch(false)}
    >
      {t('rollout.rollback')}
    </Button>
  );
}

/** Each provider's circuit in plain words. */
function HealthPanel({ rollout }: { rollout: RolloutState }) {
  const providers = Object.entries(rollout.circuit);
  if (providers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rollout-health-heading">
      <h2 id="rollout-health-heading">{t('rollout.circuit.title')}</h2>
      <ul className="rollout__health">
        {providers.map(([provider, circuit]) => (
          <li key={provider} data-provider={provider} data-circuit={circuit}>
            {circuitSentence(provider, circuit)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The percentage of facilities on LiveKit: a number and a slider for one value, then Save. */
function PercentagePanel({ admin, state }: PanelProps) {
  const slider = Number(state.percentageDraft);
  return (
    <section className="panel" aria-labelledby="rollout-percentage-heading">
      <h2 id="rollout-percentage-heading">{t('rollout.percentage.title')}</h2>
      <form
        className="form rollout__percentage"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void admin.savePercentage();
        }}
      >
        <div className={`field${state.percentageError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="rollout-percentage">
            {t('rollout.percentage.label')}
          </label>
          <p className="field__hint" id="rollout-percentage-hint">
            {t('rollout.percentage.hint')}
          </p>
          {state.percentageError && (
            <p className="field__error" id="rollout-percentage-error">
              {state.percentageError}
            </p>
          )}
          <div className="rollout__percentage-inputs">
            <input
              id="rollout-percentage"
              className="field__input rollout__number"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={state.percentageDraft}
              aria-invalid={state.percentageError ? true : undefined}
              aria-describedby={
                state.percentageError
                  ? 'rollout-percentage-hint rollout-percentage-error'
                  : 'rollout-percentage-hint'
              }
              onChange={(e) => admin.setPercentageDraft(e.currentTarget.value)}
            />
            <input
              className="rollout__slider"
              type="range"
              min={0}
              max={100}
              step={1}
              value={Number.isFinite(slider) ? Math.min(100, Math.max(0, slider)) : 0}
              aria-label={t('rollout.percentage.slider')}
              aria-describedby="rollout-percentage-hint"
              onChange={(e) => admin.setPercentageDraft(e.currentTarget.value)}
            />
          </div>
        </div>
        <Button type="submit" busy={state.busy === 'percentage'} busyLabel={t('rollout.saving')}>
          {t('rollout.percentage.save')}
        </Button>
      </form>
    </section>
  );
}
