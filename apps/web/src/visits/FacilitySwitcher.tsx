// Links to the staff member's other facilities, on top of a facility's dashboard.
import type { Facility } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';

/** The facilities other than `currentId`, as links to their dashboards; nothing when none. */
export function FacilitySwitcher({
  facilities,
  currentId,
}: {
  facilities: readonly Facility[];
  currentId: string;
}) {
  const others = facilities.filter((f) => f.id !== currentId);
  if (others.length === 0) return null;
  return (
    <nav aria-label={t('dashboard.otherFacilities')} className="facility-switcher">
      <p>{t('dashboard.otherFacilities')}</p>
      <ul>
        {others.map((f) => (
          <li key={f.id}>
            <Link to={paths.dashboard(f.id)}>{f.name}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
