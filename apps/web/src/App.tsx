// Picks the page for the current route. Staff pages are loaded on demand so a visitor opening an
// invite link downloads only the invite page.
import { lazy, Suspense } from 'react';
import { t } from './i18n/t.ts';
import { InviteLandingPage } from './invites/InviteLandingPage.tsx';
import { NotFoundPage } from './router/NotFoundPage.tsx';
import { useRoute } from './router/useRoute.ts';
import { Layout, Loading } from './ui/Layout.tsx';

const HomePage = lazy(() => import('./auth/HomePage.tsx'));
const SignInPage = lazy(() => import('./auth/SignInPage.tsx'));
const DashboardPage = lazy(() => import('./visits/DashboardPage.tsx'));
const ConsolePage = lazy(() => import('./console/ConsolePage.tsx'));
const HostRoomPage = lazy(() => import('./console/HostRoomPage.tsx'));
const RolloutPage = lazy(() => import('./rollout/RolloutPage.tsx'));

/** The whole app. */
export function App() {
  const route = useRoute();
  return (
    <Suspense
      fallback={
        <Layout>
          <Loading label={t('common.loading')} />
        </Layout>
      }
    >
      {page(route)}
    </Suspense>
  );
}

function page(route: ReturnType<typeof useRoute>) {
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
    case 'join':
      return <InviteLandingPage key={route.code} code={route.code} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
