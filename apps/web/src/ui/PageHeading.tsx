// A page's h1: names the page in the window title and, after in-app navigation, takes keyboard
// and screen-reader focus so the new page is announced from its start.
import { useEffect, useRef, type ReactNode } from 'react';
import { navigationCount } from '../router/history.ts';
import { t } from '../i18n/t.ts';

/** The page title heading. `title` is the plain text for the browser tab. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
    if (navigationCount() > 0) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
