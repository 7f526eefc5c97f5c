// The default switch in plain words: each criterion's name, state and measurement, what a change
// of the default will do and to whom, and why a facility is still on the built-in video. Words
// that stay true: a criterion without enough data says so, never "met"; a verdict names what it
// rests on.
import type {
  DefaultProviderState,
  P2pReason,
  StabilityCriterion,
  StabilityReport,
} from '@openconnect/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';

/** The largest time the browsers' histogram tells apart (seconds). */
const SLOWEST_BUCKET_SECONDS = 20;

export function criterionName(criterion: StabilityCriterion): string {
  return t(`rollout.criteria.name.${criterion.id}`);
}

export function criterionStatus(criterion: StabilityCriterion): string {
  return t(`rollout.criteria.status.${criterion.status}`);
}

const number = (value: number) =>
  new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);

/** What was measured against what is allowed, and on how many samples. */
export function criterionMeasure(c: StabilityCriterion): string {
  const allowed =
    c.threshold === null
      ? ''
      : t(`rollout.criteria.allowed.${c.unit ?? 'percent'}`, { threshold: number(c.threshold) });
  const counts = { samples: number(c.samples), min: number(c.minSamples) };
  if (c.status === 'no_data')
    return `${t('rollout.criteria.tooFew')} ${t('rollout.criteria.samples.few', counts)} ${allowed}`;
  const measured =
    c.value === null
      ? t('rollout.criteria.measured.over', { seconds: SLOWEST_BUCKET_SECONDS })
      : t(`rollout.criteria.measured.${c.unit ?? 'percent'}`, { value: number(c.value) });
  return `${measured} ${allowed} ${t('rollout.criteria.samples', counts)}`;
}

/** Where a criterion comes from, when it is not the group's own visits. */
export function criterionSource(c: StabilityCriterion): string | undefined {
  return c.source === 'this_instance' ? t('rollout.criteria.source.thisInstance') : undefined;
}

/** The verdict, naming what it rests on. */
export function verdictWords(report: StabilityReport): string {
  return t(`rollout.criteria.verdict.${report.verdict}`, { days: report.windowDays });
}

export function criteriaIntro(report: StabilityReport): string {
  return t('rollout.criteria.intro', { days: report.windowDays, facilities: report.facilityCount });
}

/** Who set the default and when, or that the configuration does. */
export function defaultSource(d: DefaultProviderState): string {
  const provider = t(`rollout.default.name.${d.provider}`);
  if (d.source === 'config') return t('rollout.default.fromConfig', { provider });
  return t('rollout.default.fromOperator', {
    provider,
    who: d.changedBy ?? t('rollout.default.someone'),
    when: d.changedAt ? formatDateTime(d.changedAt) : '',
  });
}

/** The label of the button that offers the change. */
export function changeLabel(d: DefaultProviderState): string {
  return t(d.change.to === 'livekit' ? 'rollout.default.switch' : 'rollout.default.rollback');
}

/** Names, the first few, then how many more. */
function names(list: { name: string }[], max = 8): string {
  const shown = list.slice(0, max).map((f) => f.name);
  const more = list.length - shown.length;
  return more > 0
    ? t('rollout.default.andMore', { names: shown.join(', '), more })
    : shown.join(', ');
}

/** The confirmation: what will happen, which facilities change, what does not. */
export function changeConsequence(d: DefaultProviderState, report?: StabilityReport): string {
  const to = d.change.to;
  const moved =
    d.change.affected.length === 0
      ? t('rollout.default.movesNone')
      : t('rollout.default.moves', {
          count: d.change.affected.length,
          provider: t(`rollout.default.name.${to}`),
          names: names(d.change.affected),
        });
  const kept = t(
    to === 'livekit' ? 'rollout.default.keeps.switch' : 'rollout.default.keeps.rollback',
  );
  const warning =
    to === 'livekit' && report && report.verdict !== 'stable'
      ? ` ${t('rollout.default.notStable')}`
      : '';
  return `${moved} ${kept}${warning}`;
}

export function changeQuestion(d: DefaultProviderState): string {
  return t(
    d.change.to === 'livekit'
      ? 'rollout.default.question.switch'
      : 'rollout.default.question.rollback',
  );
}

export function changeYes(d: DefaultProviderState): string {
  return t(
    d.change.to === 'livekit' ? 'rollout.default.yes.switch' : 'rollout.default.yes.rollback',
  );
}

/** Why a facility's new visits still use the built-in video. */
export function p2pReasonWords(reason: P2pReason): string {
  return t(`rollout.p2p.reason.${reason}`);
}
