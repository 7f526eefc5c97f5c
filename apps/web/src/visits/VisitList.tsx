// The dashboard's list of a facility's visits, each as a card.
import { t } from '../i18n/t.ts';
import type { Dashboard, DashboardState } from './dashboard.ts';
import { VisitCard } from './VisitCard.tsx';

/** The facility's visits, newest first, or a sentence saying there are none yet. */
export function VisitList({ state, dashboard }: { state: DashboardState; dashboard: Dashboard }) {
  return (
    <section className="dashboard__visits" aria-labelledby="visits-heading">
      <h2 id="visits-heading">{t('dashboard.visits')}</h2>
      {state.visits.length === 0 ? (
        <p>{t('dashboard.empty')}</p>
      ) : (
        <ul className="visit-list">
          {state.visits.map((visit) => (
            <li key={visit.id}>
              <VisitCard
                visit={visit}
                invite={state.invites[visit.id]}
                ending={state.ending.includes(visit.id)}
                dashboard={dashboard}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
