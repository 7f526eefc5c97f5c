// The staff side of the app behind one lazy import: the visitor's entry knows a single door to
// every staff page (one chunk name, not one per page), and each page still loads on its own.
import { withMessages } from './i18n/t.ts';
import type { Route } from './router/routes.ts';
import { HostRoomPage } from './console/host-room-prefetch.ts';
import { lazyPart } from './ui/lazy-part.ts';

const HomePage = lazyPart(() => import('./auth/HomePage.tsx'));
const SignInPage = lazyPart(() => import('./auth/SignInPage.tsx'));
const DashboardPage = lazyPart(() => import('./visits/DashboardPage.tsx'));
const ConsolePage = lazyPart(() => import('./console/ConsolePage.tsx'));
const RolloutPage = lazyPart(() => import('./rollout/RolloutPage.tsx'));
const RecordingsPage = lazyPart(() => import('./recordings/RecordingsPage.tsx'));
const ReportsPage = lazyPart(withMessages(['call'], () => import('./reports/ReportsPage.tsx')));

/** A route only staff use. */
export type StaffRoute = Exclude<Route, { name: 'join' } | { name: 'notFound' }>;

/** The staff page for a route (App loads this module with the staff strings). */
export default function StaffPages({ route }: { route: StaffRoute }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'signIn':
      return <SignInPage next={route.next} />;
    case 'dashboard':
      // The key gives each facility a fresh page state.
      return <DashboardPage key={route.facilityId} facilityId={route.facilityId} />;
    case 'console':
      return <ConsolePage key={route.facilityId} facilityId={route.facilityId} />;
    case 'hostRoom':
      return <HostRoomPage key={route.visitId} visitId={route.visitId} />;
    case 'rollout':
      return <RolloutPage />;
    case 'recordings':
      return <RecordingsPage key={route.facilityId} facilityId={route.facilityId} />;
    case 'reports':
      return <ReportsPage key={route.facilityId} facilityId={route.facilityId} />;
  }
}
