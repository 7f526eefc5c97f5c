// One visit on the dashboard: title, status, time, its invite link and ending it.
import { useState } from 'react';
import type { InviteKind, Visit } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { InviteLinkPanel } from '../invites/InviteLinkPanel.tsx';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import type { Dashboard, InviteState } from './dashboard.ts';
import { EndVisitControl } from './EndVisitControl.tsx';
import { scheduleLabel, statusLabel } from './visitLabels.ts';

interface VisitCardProps {
  visit: Visit;
  invite: InviteState | undefined;
  ending: boolean;
  dashboard: Dashboard;
}

/** A visit as a card in the dashboard's list. */
export function VisitCard({ visit, invite, ending, dashboard }: VisitCardProps) {
  const [endError, setEndError] = useState<string | undefined>();
  // A link staff just made here: its panel takes focus when it appears.
  const [madeLink, setMadeLink] = useState<string | undefined>();
  const headingId = `visit-${visit.id}`;
  const ended = visit.status === 'ended';

  async function end(): Promise<boolean> {
    setEndError(undefined);
    try {
      await dashboard.endVisit(visit.id);
      return true;
    } catch (error) {
      setEndError(errorMessage(error));
      return false;
    }
  }

  return (
    <article className="visit-card" aria-labelledby={headingId} data-visit-id={visit.id}>
      <div className="visit-card__header">
        <h3 id={headingId} className="visit-card__title">
          {visit.title}
        </h3>
        <span className={`badge badge--${visit.status}`}>{statusLabel(visit.status)}</span>
      </div>
      <p className="visit-card__when">
        {scheduleLabel(visit, dashboard.store.get().facility?.timezone)}
      </p>

      {!ended && invite?.status === 'ready' && (
        <InviteLinkPanel
          invite={invite.invite}
          visitTitle={visit.title}
          justMade={madeLink === invite.invite.id}
          onNewLink={async (kind: InviteKind) => {
            await dashboard.newInvite(visit.id, kind);
            const made = dashboard.store.get().invites[visit.id];
            if (made?.status === 'ready') setMadeLink(made.invite.id);
          }}
        />
      )}
      {invite?.status === 'failed' && <Notice tone="error">{errorMessage(invite.error)}</Notice>}
      {endError && <Notice tone="error">{endError}</Notice>}

      {!ended && (
        <div className="visit-card__actions">
          {invite?.status !== 'ready' && (
            <Button
              variant="secondary"
              busy={invite?.status === 'loading'}
              busyLabel={t('visit.invite.loading')}
              onClick={() => void dashboard.showInvite(visit.id)}
              aria-describedby={headingId}
            >
              {t('visit.invite.show')}
            </Button>
          )}
          <EndVisitControl visit={visit} ending={ending} headingId={headingId} onEnd={end} />
        </div>
      )}
    </article>
  );
}
