// A visit card's "End visit" button, which asks for a confirmation in its place before ending.
import { useState } from 'react';
import type { Visit } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmGroup } from '../ui/ConfirmGroup.tsx';

interface EndVisitControlProps {
  visit: Visit;
  /** While the end request is in flight. */
  ending: boolean;
  /** The id of the card's heading, which names the button. */
  headingId: string;
  /** Ends the visit; resolves to whether it ended. */
  onEnd: () => Promise<boolean>;
}

/** "End visit", then "are you sure?" in its place until the visit ended or staff cancel. */
export function EndVisitControl({ visit, ending, headingId, onEnd }: EndVisitControlProps) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)} aria-describedby={headingId}>
        {t('visit.end')}
      </Button>
    );
  }
  return (
    <ConfirmGroup
      question={t('visit.end.confirm', { title: visit.title })}
      confirmLabel={t('visit.end.yes')}
      busy={ending}
      busyLabel={t('visit.end.ending')}
      onConfirm={() => void onEnd().then((ended) => ended && setConfirming(false))}
      onCancel={() => setConfirming(false)}
    />
  );
}
