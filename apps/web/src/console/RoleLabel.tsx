// The label of a person added to a call (interpreter, relative, colleague) beside their name in
// the queue; nothing for an ordinary visitor.
import type { InviteRole } from '@openconnect/contracts/invite-roles';
import { t } from '../i18n/t.ts';
import './transfer.css';

/** A waiting person's role, as a small label. */
export function RoleLabel({ role }: { role: InviteRole | null | undefined }) {
  if (!role) return null;
  return (
    <p className="role-label" data-role={role}>
      {t(`console.role.${role}`)}
    </p>
  );
}
