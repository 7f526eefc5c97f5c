// What removing someone from a visit does to the link they came through, in the words staff
// confirm: a personal link is withdrawn with its person; a shared link keeps working for the
// family unless staff withdraw it for everyone.
import type { InviteKind } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';

/** Whether staff may choose to withdraw the link along with the person. */
export function offersWithdrawal(kind: InviteKind | null | undefined): boolean {
  return kind === 'shared';
}

/** The sentence under "Remove … from the visit?": exactly what saying yes will do. */
export function removalConsequence(
  kind: InviteKind | null | undefined,
  withdrawLink: boolean,
): string {
  if (kind === 'personal') return t('console.participant.remove.personal');
  if (kind === 'shared')
    return withdrawLink
      ? t('console.participant.remove.sharedWithdrawn')
      : t('console.participant.remove.shared');
  return t('console.participant.remove.other');
}

/** The yes button's label. */
export function removalConfirmLabel(
  kind: InviteKind | null | undefined,
  withdrawLink: boolean,
): string {
  return offersWithdrawal(kind) && withdrawLink
    ? t('console.participant.remove.withdraw.yes')
    : t('console.participant.remove.yes');
}
