// The reports page of a facility (operators may widen it to every facility): for a range of days,
// visits per day, waiting and visit times, calls per video provider, media paths and feedback.
// Each section shows a chart or a table of the same figures and downloads them as CSV. The page
// and its chart library load only when it is opened.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { FullReport as Report } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';
import { ApiError } from '../api/ApiError.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { currentLocation, navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { BarChart } from './BarChart.tsx';
import { ReportSection } from './ReportSection.tsx';
import {
  comparisonTable,
  feedbackTable,
  pathsTable,
  providerName,
  qualityTable,
  roleName,
  timesTable,
  visitsTable,
} from './report-table.ts';
import './reports.css';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const COLORS = ['#0b4f8a', '#b85c00'];

type State =
  | { status: 'loading' }
  | { status: 'ready'; report: Report }
  | { status: 'failed'; error: unknown };

/** The reports page. */
export default function ReportsPage({ facilityId }: { facilityId: string }) {
  const sessionState = useStore(session.store);
  const isOperator = sessionState.status === 'signedIn' && !!sessionState.staff.isOperator;
  const [range, setRange] = useState(() => ({
    from: day(Date.now() - 29 * DAY_MS),
    to: day(Date.now()),
    all: false,
  }));
  const [draft, setDraft] = useState(range);
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const report = await apiFetch<Report>('/reports', {
        query: { from: range.from, to: range.to, facilityId: range.all ? undefined : facilityId },
      });
      setState({ status: 'ready', report });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        session.expire();
        navigate(paths.signIn(currentLocation()), { replace: true });
        return;
      }
      setState({ status: 'failed', error });
    }
  }, [range, facilityId]);

  useEffect(() => {
    void load();
  }, [load]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setRange(draft);
  }

  return (
    <Layout
      width="wide"
      actions={
        <Link className="button button--secondary" to={paths.dashboard(facilityId)}>
          {t('reports.back')}
        </Link>
      }
    >
      <PageHeading title={t('reports.title')} />
      <p className="lead">{t('reports.intro')}</p>
      <form className="reports__range" onSubmit={submit} aria-label={t('reports.range')}>
        <div className="field">
          <label className="field__label" htmlFor="reports-from">
            {t('reports.from')}
          </label>
          <input
            id="reports-from"
            className="field__input"
            type="date"
            value={draft.from}
            max={draft.to}
            required
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="reports-to">
            {t('reports.to')}
          </label>
          <input
            id="reports-to"
            className="field__input"
            type="date"
            value={draft.to}
            min={draft.from}
            required
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </div>
        {isOperator && (
          <label className="reports__all">
            <input
              type="checkbox"
              checked={draft.all}
              onChange={(e) => setDraft({ ...draft, all: e.currentTarget.checked })}
            />
            {t('reports.allFacilities')}
          </label>
        )}
        <Button type="submit">{t('reports.show')}</Button>
      </form>
      {state.status === 'loading' && <Loading label={t('reports.loading')} />}
      {state.status === 'failed' && (
        <>
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button onClick={() => void load()}>{t('common.tryAgain')}</Button>
        </>
      )}
      {state.status === 'ready' && <ReportSections report={state.report} />}
    </Layout>
  );
}

function ReportSections({ report }: { report: Report }) {
  const visits = useMemo(() => visitsTable(report), [report]);
  const visitSeries = useMemo(
    () => [
      {
        label: t('reports.visits.count'),
        values: report.visitsPerDay.map((d) => d.visits),
        color: COLORS[0]!,
      },
    ],
    [report],
  );
  const providerLabels = useMemo(
    () => report.providers.map((p) => providerName(p.provider)),
    [report],
  );
  const connectSeries = useMemo(
    () => [
      {
        label: t('reports.quality.connectP50'),
        values: report.providers.map((p) => p.connectMs.p50),
        color: COLORS[0]!,
      },
      {
        label: t('reports.quality.frameP50'),
        values: report.providers.map((p) => p.firstFrameMs.p50),
        color: COLORS[1]!,
      },
    ],
    [report],
  );
  const feedbackLabels = useMemo(
    // Short: the full names are in the table view.
    () => report.feedback.map((f) => `${f.provider} · ${roleName(f.role)}`),
    [report],
  );
  const feedbackSeries = useMemo(
    () => [
      {
        label: t('reports.feedback.average'),
        values: report.feedback.map((f) => f.averageRating),
        color: COLORS[0]!,
      },
    ],
    [report],
  );
  const dayLabels = useMemo(() => report.visitsPerDay.map((d) => d.day.slice(5)), [report]);
  return (
    <div className="reports">
      <ReportSection
        title={t('reports.visits.title')}
        name={`visits-per-day-${report.from}-${report.to}`}
        table={visits}
        chart={
          <BarChart
            labels={dayLabels}
            series={visitSeries}
            integer
            label={t('reports.chartLabel', { title: t('reports.visits.title') })}
          />
        }
      />
      <ReportSection
        title={t('reports.times.title')}
        name={`waiting-and-visit-times-${report.from}-${report.to}`}
        table={timesTable(report)}
      />
      <ReportSection
        title={t('reports.quality.title')}
        name={`calls-per-provider-${report.from}-${report.to}`}
        table={qualityTable(report)}
        chart={
          <BarChart
            labels={providerLabels}
            series={connectSeries}
            label={t('reports.chartLabel', { title: t('reports.quality.title') })}
          />
        }
      />
      <ReportSection
        title={t('reports.paths.title')}
        name={`media-paths-${report.from}-${report.to}`}
        intro={t('reports.paths.intro')}
        table={pathsTable(report)}
      />
      <ReportSection
        title={t('reports.feedback.title')}
        name={`feedback-${report.from}-${report.to}`}
        table={feedbackTable(report)}
        chart={
          report.feedback.length > 0 ? (
            <BarChart
              labels={feedbackLabels}
              series={feedbackSeries}
              label={t('reports.chartLabel', { title: t('reports.feedback.title') })}
            />
          ) : undefined
        }
      >
        {report.comments.length > 0 && (
          <>
            <h3>{t('reports.feedback.comments')}</h3>
            <ul className="reports__comments">
              {report.comments.map((c) => (
                <li key={`${c.visitId}-${c.createdAt}`}>
                  {t('reports.feedback.comment', {
                    comment: c.comment,
                    who: `${roleName(c.role)} (${providerName(c.provider)})`,
                    when: formatDateTime(c.createdAt),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </ReportSection>
      <ReportSection
        title={t('reports.compare.title')}
        name={`provider-comparison-${report.from}-${report.to}`}
        intro={t('reports.compare.intro')}
        table={comparisonTable(report.comparison)}
      >
        <p className="reports__verdict" data-verdict={report.comparison.verdict}>
          {t(`reports.compare.verdict.${report.comparison.verdict}`, {
            min: report.comparison.minSample,
          })}
        </p>
      </ReportSection>
    </div>
  );
}
