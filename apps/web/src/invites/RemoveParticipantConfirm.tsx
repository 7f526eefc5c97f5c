// "Remove … from the visit?" for one participant, saying what happens to the link they came
// through; for a shared link, a checkbox also withdraws it for everyone.
import { useId, useState } from 'react';
import type { VisitParticipant } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { ConfirmGroup } from '../ui/ConfirmGroup.tsx';
import { offersWithdrawal, removalConfirmLabel, removalConsequence } from './removal.ts';

interface RemoveParticipantConfirmProps {
  participant: VisitParticipant;
  busy: boolean;
  /** `withdrawLink`: staff also withdrew the shared link the participant came through. */
  onConfirm(withdrawLink: boolean): void;
  onCancel(): void;
}

/** The confirmation that replaces a participant's Remove button. */
export function RemoveParticipantConfirm({
  participant,
  busy,
  onConfirm,
  onCancel,
}: RemoveParticipantConfirmProps) {
  const [withdraw, setWithdraw] = useState(false);
  const checkboxId = useId();
  const kind = participant.inviteKind;
  return (
    <ConfirmGroup
      className="removal-confirm"
      question={t('console.participant.remove.question', { name: participant.displayName })}
      consequence={removalConsequence(kind, withdraw)}
      confirmLabel={removalConfirmLabel(kind, withdraw)}
      busy={busy}
      focusQuestion
      onConfirm={() => onConfirm(offersWithdrawal(kind) && withdraw)}
      onCancel={onCancel}
    >
      {offersWithdrawal(kind) && (
        <label className="checkbox removal-confirm__withdraw" htmlFor={checkboxId}>
          <input
            id={checkboxId}
            type="checkbox"
            checked={withdraw}
            onChange={(event) => setWithdraw(event.currentTarget.checked)}
          />
          <span>{t('console.participant.remove.withdraw')}</span>
        </label>
      )}
    </ConfirmGroup>
  );
}
