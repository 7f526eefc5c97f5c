// The page for paths the app does not know, loaded only then (the visitor's entry stays lean).
import { t } from '../i18n/t.ts';
import { Layout } from '../ui/Layout.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { Link } from './Link.tsx';
import { homePath } from './routes.ts';

/** "Page not found", with a way back. */
export default function NotFoundPage() {
  return (
    <Layout>
      <PageHeading title={t('notFound.title')} />
      <p className="lead">{t('notFound.body')}</p>
      <p>
        <Link to={homePath}>{t('notFound.home')}</Link>
      </p>
    </Layout>
  );
}
