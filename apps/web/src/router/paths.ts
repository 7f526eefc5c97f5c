// Paths to the app's pages, for links and navigation. Kept apart from routes.ts so the visitor's
// first chunk (which needs only matchRoute) does not carry every staff page's path builder.
import { homePath, safeNext } from './routes.ts';

/** Paths to the app's pages. */
export const paths = {
  home: () => homePath,
  signIn: (next?: string) =>
    next && safeNext(next) ? `/sign-in?${new URLSearchParams({ next }).toString()}` : '/sign-in',
  dashboard: (facilityId: string) => `/facilities/${encodeURIComponent(facilityId)}`,
  console: (facilityId: string) => `/facilities/${encodeURIComponent(facilityId)}/console`,
  recordings: (facilityId: string) => `/facilities/${encodeURIComponent(facilityId)}/recordings`,
  reports: (facilityId: string) => `/facilities/${encodeURIComponent(facilityId)}/reports`,
  hostRoom: (visitId: string) => `/visits/${encodeURIComponent(visitId)}/room`,
  join: (code: string) => `/join/${encodeURIComponent(code)}`,
  rollout: () => '/admin/rollout',
};
