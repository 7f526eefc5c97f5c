// The page's last resort when it cannot go on: a part of it could not be downloaded (lazy-part.ts
// has tried again for half a minute), or a bug. Says which in words; Try again loads the page
// anew. A visitor keeps their place in the line through a reload; staff keep their session.
import { Component, type ReactNode } from 'react';
import { t } from '../i18n/t.ts';
import { Button } from './Button.tsx';
import { Layout } from './Layout.tsx';
import { PageHeading } from './PageHeading.tsx';

interface State {
  /** What to tell: a download failed (as Chromium, Firefox, Safari and Vite word it), or a bug. */
  failed?: 'error.network' | 'error.generic';
}

/** Shows what stopped the page, and Try again, instead of a blank page. */
export class PartFailed extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static override getDerivedStateFromError(error: unknown): State {
    return {
      failed: /dynamically imported|module script failed|preload CSS/i.test(String(error))
        ? 'error.network'
        : 'error.generic',
    };
  }

  override render() {
    const { failed } = this.state;
    return failed ? (
      <Layout>
        <PageHeading title={t('error.page.title')} />
        <p className="lead" role="alert">
          {t(failed)}
        </p>
        <Button onClick={() => window.location.reload()}>{t('common.tryAgain')}</Button>
      </Layout>
    ) : (
      this.props.children
    );
  }
}
