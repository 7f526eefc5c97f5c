// Where the waiting room ends for a visitor: turned away (with staff's reason), left, expired,
// removed, or done with the visit. Loaded, with its strings, only when one of these is shown: the
// waiting room itself is at its 80 kB gzip budget, and most visitors never see these.
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Outcome } from '../ui/Outcome.tsx';

/** The waiting room's phases that end it. */
export type EndedPhase = 'denied' | 'removed' | 'cancelled' | 'expired' | 'left';

/** The page for an ended waiting room; "Ask to join again" where that is possible. */
export default function WaitingOutcome({
  phase,
  reason,
  onStartOver,
}: {
  phase: EndedPhase;
  reason?: string | null;
  onStartOver: () => void;
}) {
  switch (phase) {
    case 'denied':
      return (
        <Outcome title={t('lobby.denied.title')} body={t('lobby.denied.body')}>
          {reason && <p>{t('lobby.denied.reason', { reason })}</p>}
        </Outcome>
      );
    case 'removed':
      return <Outcome title={t('lobby.removed.title')} body={t('lobby.removed.body')} />;
    case 'cancelled':
    case 'expired':
      return (
        <Outcome title={t(`lobby.${phase}.title`)} body={t(`lobby.${phase}.body`)}>
          <Button onClick={onStartOver}>{t('lobby.askAgain')}</Button>
        </Outcome>
      );
    case 'left':
      return <Outcome title={t('lobby.left.title')} body={t('lobby.left.body')} />;
  }
}
