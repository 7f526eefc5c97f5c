// Picks the page for the current route. Staff pages are loaded on demand, with the staff strings
// of the catalogue, so a visitor opening an invite link downloads only the invite page.
import { Suspense } from 'react';
import { t, withMessages } from './i18n/t.ts';
import { InviteLandingPage } from './invites/InviteLandingPage.tsx';
import { useRoute } from './router/useRoute.ts';
import { Layout, Loading } from './ui/Layout.tsx';
import { lazyPart } from './ui/lazy-part.ts';
import { PartFailed } from './ui/PartFailed.tsx';

const StaffPages = lazyPart(withMessages(['staff'], () => import('./StaffPages.tsx')));
const NotFoundPage = lazyPart(() => import('./router/NotFoundPage.tsx'));

/** The whole app. */
export function App() {
  const route = useRoute();
  return (
    <PartFailed>
      <Suspense
        fallback={
          <Layout>
            <Loading label={t('common.loading')} />
          </Layout>
        }
      >
        {route.name === 'join' ? (
          <InviteLandingPage key={route.code} code={route.code} />
        ) : route.name === 'notFound' ? (
          <NotFoundPage />
        ) : (
          <StaffPages route={route} />
        )}
      </Suspense>
    </PartFailed>
  );
}
