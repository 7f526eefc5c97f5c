// The frame of every page: a skip link, the header with the product name and page actions, and
// the main content area.
import type { ReactNode } from 'react';
import { t } from '../i18n/t.ts';

interface LayoutProps {
  children: ReactNode;
  /** Controls at the right of the header (e.g. sign out). */
  actions?: ReactNode;
  /** Narrow for forms and visitor pages, wide for the dashboard. */
  width?: 'narrow' | 'wide';
}

/** The page frame. */
export function Layout({ children, actions, width = 'narrow' }: LayoutProps) {
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className={`app-header__inner container container--${width}`}>
          <p className="app-header__brand">{t('app.name')}</p>
          {actions && <div className="app-header__actions">{actions}</div>}
        </div>
      </header>
      <main id="main" className={`container container--${width}`}>
        {children}
      </main>
    </>
  );
}

/** A short "loading" line that screen readers announce. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
