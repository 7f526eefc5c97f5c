// "You left the visit": after a confirmed Leave, a way back in while the visit goes on, and a way
// to be done. Its heading takes focus, as every new step's does.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../../i18n/t.ts';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { CallFeedback } from '../../reports/CallFeedback.tsx';

interface LeftScreenProps {
  /** Whether the visit still goes on; without it, joining again is offered and tried. */
  isVisitLive?: () => Promise<boolean>;
  rejoin(): Promise<void>;
  done(): void;
  /** Replaces the Done button (e.g. back to the console). */
  endActions?: ReactNode;
}

/** The screen after leaving a call. */
export function LeftScreen({ isVisitLive, rejoin, done, endActions }: LeftScreenProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [live, setLive] = useState<boolean | undefined>(isVisitLive ? undefined : true);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: t('room.left.title') });
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!isVisitLive) return;
    let cancelled = false;
    isVisitLive().then(
      (yes) => cancelled || setLive(yes),
      () => cancelled || setLive(false),
    );
    return () => {
      cancelled = true;
    };
  }, [isVisitLive]);

  async function joinAgain() {
    setJoining(true);
    setError(undefined);
    try {
      await rejoin();
    } catch {
      // (errorMessage() would pull the API error module out of the visitor's entry chunk.)
      setError(t('room.left.failed'));
      setJoining(false);
    }
  }

  return (
    <div className="room-ended room-left">
      <h1 ref={headingRef} tabIndex={-1} className="page-heading">
        {t('room.left.title')}
      </h1>
      {live === false ? (
        <p className="lead">{t('room.left.over')}</p>
      ) : (
        <p className="lead">{t('room.left.body')}</p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      <div className="room-ended__actions">
        {live === true && !error && (
          <Button busy={joining} busyLabel={t('room.rejoining')} onClick={() => void joinAgain()}>
            {t('room.rejoin')}
          </Button>
        )}
        {endActions ?? (
          <Button variant="secondary" onClick={done}>
            {t('room.left.done')}
          </Button>
        )}
      </div>
      <CallFeedback />
    </div>
  );
}
